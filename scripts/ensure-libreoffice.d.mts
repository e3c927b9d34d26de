/** The soffice executable (SOFFICE_PATH, the system's, or Debian's libreoffice-calc-nogui installed through apt when root); throws, naming what was tried, when it cannot be had. */
export function ensureLibreOffice(options?: { log?: (line: string) => void }): string;
