import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { answer, client } from '../api/client';

/**
 * The platform's time, which deadlines and lateness are judged by, not the browser's (a demo runs on a fixed date).
 * Read once, then advanced by the time elapsed in the browser since.
 */
export function usePlatformNow(): () => string | null {
  const { data } = useQuery({
    queryKey: ['platform-clock'],
    queryFn: async () => {
      const clock = await answer(client.GET('/api/clock'));
      return { platformMs: Date.parse(clock.now), readAt: Date.now() };
    },
    staleTime: Infinity,
    gcTime: 0,
  });
  return useCallback(
    () => (data ? new Date(data.platformMs + (Date.now() - data.readAt)).toISOString() : null),
    [data],
  );
}
