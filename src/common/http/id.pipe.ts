import { Param, PipeTransform } from '@nestjs/common';
import { validationFailed } from '../errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw validationFailed([{ field: this.name, rule: 'isUuid', message: `${this.name} must be a UUID` }]);
    return value.toLowerCase();
  }
}

/** A path id that must be a UUID; anything else is a 400 naming the parameter. */
export const IdParam = (name = 'id') => Param(name, new UuidPipe(name));

class PositiveIntPipe implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    if (!/^[1-9]\d{0,8}$/.test(value))
      throw validationFailed([{ field: this.name, rule: 'isPositiveInt', message: `${this.name} must be a positive whole number` }]);
    return Number(value);
  }
}

/** A path parameter that must be a positive integer (e.g. a version number). */
export const PositiveIntParam = (name: string) => Param(name, new PositiveIntPipe(name));
