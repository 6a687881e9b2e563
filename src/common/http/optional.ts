import { ValidateIf } from 'class-validator';

/**
 * May be left out, but not sent as null: for fields that always have a value (null would reach a NOT NULL column).
 * `@IsOptional()` stays on fields where null means "not set" or "clear".
 */
export const IsOptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);
