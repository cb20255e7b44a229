/** Hands a Blob to the browser as a file download (the data never leaves the page otherwise). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; let the browser free the data a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
