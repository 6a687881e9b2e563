import { Matches, type ValidationOptions } from 'class-validator';

/** class-transformer `Transform` body: strings arrive without surrounding blanks. (NUL bytes never arrive at all:
 * the global RejectUnsafeInputPipe refuses them for every body and query.) */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Names and short labels are one line of printable text. */
export const OneLine = (options?: ValidationOptions) =>
  Matches(/^[^\u0000-\u001f\u007f]*$/, { message: '$property must not contain control characters (line breaks, tabs, NUL)', ...options });
