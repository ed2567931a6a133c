/** Checks on an image file dropped on or chosen for the drawing pad, before it is decoded. */

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'] as const;
/** Larger files are refused: a digit needs a few kilobytes, and decoding huge photos stalls the page. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface FileLike {
  name: string;
  type: string;
  size: number;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/** A plain-words reason to refuse the file, or null when it may be decoded. */
export function checkImageFile(file: FileLike): string | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
    const what = file.type ? `a ${file.type} file` : 'a file of unknown type';
    return `“${file.name}” is ${what}; please use a PNG, JPEG, GIF, WebP or BMP image.`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > MAX_FILE_BYTES) return `“${file.name}” is ${size(file.size)}; images up to ${size(MAX_FILE_BYTES)} are accepted.`;
  return null;
}

/** Scale and offset that fit a w×h image inside a side×side square, centred (like CSS object-fit: contain). */
export function fitInto(w: number, h: number, side: number): { scale: number; dx: number; dy: number } {
  const scale = Math.min(side / w, side / h);
  return { scale, dx: (side - w * scale) / 2, dy: (side - h * scale) / 2 };
}
