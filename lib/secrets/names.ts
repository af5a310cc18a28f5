/** Secret names are identifiers, so `{{ secrets.NAME }}` works without quoting. */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Values shorter than this are refused: masking them would blank out ordinary text. */
export const MIN_SECRET_LENGTH = 4;
export const MAX_SECRET_BYTES = 64 * 1024;

/** The text that stands in for a secret wherever a step's input, output, logs or a delivery are shown. */
export const maskFor = (name: string) => `[secret:${name}]`;
