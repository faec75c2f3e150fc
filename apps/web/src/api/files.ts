import { ApiError } from '../api';

/** The file a typed call answered with (called with `parseAs: 'blob'`), and the name the server gave it. */
export async function fileOf(
  call: Promise<{ data?: Blob; response: Response }>,
  fallbackName: string,
): Promise<{ blob: Blob; name: string }> {
  const { data, response } = await call;
  if (data === undefined) throw new ApiError(response.status, `请求失败（${response.status}）`, []);
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  return { blob: data, name: star ? decodeURIComponent(star[1]) : fallbackName };
}

/** Hands a file to the browser as a download. */
export function saveFile({ blob, name }: { blob: Blob; name: string }): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
