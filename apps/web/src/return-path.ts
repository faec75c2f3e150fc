/**
 * The page to go back to after signing in as `username`: where the app was sent here from, when it is one of ours
 * (never another site, never the login page) and the session that ended there was this user's or nobody's (a link
 * opened from an email). Someone else signing in next in the tab starts at their own home page.
 */
export function returnPath(state: unknown, username: string): string | null {
  const { from, username: previous } = (state ?? {}) as { from?: unknown; username?: unknown };
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login'))
    return null;
  if (typeof previous === 'string' && previous !== username) return null;
  return from;
}
