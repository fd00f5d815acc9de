// An absolute path (POSIX, Windows or file: URL) up to its last segment: stacks name the file, not where it is installed.
const ABSOLUTE_PATH = /(?<![\w.~-])(?:file:\/\/)?(?:\/|[A-Za-z]:\\)(?:[^\s/\\:()'"`]+[/\\])+([^\s/\\:()'"`]+)/g

/** Absolute paths cut to their file name: what the tool prints about itself shows nothing of the machine or the bundle's location. */
export function withoutAbsolutePaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, '$1')
}
