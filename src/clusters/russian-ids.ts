import { registerDecorator, ValidationOptions } from 'class-validator';

const digitsOf = (value: string) => [...value].map(Number);

function weightedCheck(digits: number[], weights: number[]): number {
  return (weights.reduce((sum, weight, index) => sum + weight * digits[index], 0) % 11) % 10;
}

/** INN (taxpayer number): 10 digits for organisations, 12 for individuals, with the FTS check digits. */
export function isValidInn(value: unknown): boolean {
  if (typeof value !== 'string' || !/^(\d{10}|\d{12})$/.test(value)) return false;
  const digits = digitsOf(value);
  if (digits.length === 10) return weightedCheck(digits, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === digits[9];
  return (
    weightedCheck(digits, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === digits[10] &&
    weightedCheck(digits, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === digits[11]
  );
}

/** OGRN (13 digits, organisations) or OGRNIP (15 digits): the number without its last digit mod 11 (13) or 13 (15). */
export function isValidOgrn(value: unknown): boolean {
  if (typeof value !== 'string' || !/^(\d{13}|\d{15})$/.test(value)) return false;
  const body = BigInt(value.slice(0, -1));
  const modulus = value.length === 13 ? 11n : 13n;
  return Number((body % modulus) % 10n) === Number(value.at(-1));
}

/** ISO 3166-2:RU subdivision codes. */
export const RUSSIAN_REGIONS = [
  'RU-AD',
  'RU-AL',
  'RU-BA',
  'RU-BU',
  'RU-CE',
  'RU-CU',
  'RU-DA',
  'RU-IN',
  'RU-KB',
  'RU-KL',
  'RU-KC',
  'RU-KR',
  'RU-KO',
  'RU-ME',
  'RU-MO',
  'RU-SA',
  'RU-SE',
  'RU-TA',
  'RU-TY',
  'RU-UD',
  'RU-KK',
  'RU-ALT',
  'RU-KAM',
  'RU-KHA',
  'RU-KDA',
  'RU-KYA',
  'RU-PER',
  'RU-PRI',
  'RU-STA',
  'RU-ZAB',
  'RU-AMU',
  'RU-ARK',
  'RU-AST',
  'RU-BEL',
  'RU-BRY',
  'RU-CHE',
  'RU-IRK',
  'RU-IVA',
  'RU-KGD',
  'RU-KLU',
  'RU-KEM',
  'RU-KIR',
  'RU-KOS',
  'RU-KGN',
  'RU-KRS',
  'RU-LEN',
  'RU-LIP',
  'RU-MAG',
  'RU-MOS',
  'RU-MUR',
  'RU-NIZ',
  'RU-NGR',
  'RU-NVS',
  'RU-OMS',
  'RU-ORE',
  'RU-ORL',
  'RU-PNZ',
  'RU-PSK',
  'RU-ROS',
  'RU-RYA',
  'RU-SAK',
  'RU-SAM',
  'RU-SAR',
  'RU-SMO',
  'RU-SVE',
  'RU-TAM',
  'RU-TOM',
  'RU-TUL',
  'RU-TVE',
  'RU-TYU',
  'RU-ULY',
  'RU-VLA',
  'RU-VGG',
  'RU-VLG',
  'RU-VOR',
  'RU-YAR',
  'RU-MOW',
  'RU-SPE',
  'RU-YEV',
  'RU-CHU',
  'RU-KHM',
  'RU-NEN',
  'RU-YAN',
] as const;

/** IANA zones in use in Russia, Kaliningrad (UTC+2) to Kamchatka and Chukotka (UTC+12). */
export const RUSSIAN_TIME_ZONES = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Simferopol',
  'Europe/Kirov',
  'Europe/Volgograd',
  'Europe/Astrakhan',
  'Europe/Saratov',
  'Europe/Ulyanovsk',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Barnaul',
  'Asia/Tomsk',
  'Asia/Novokuznetsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Chita',
  'Asia/Yakutsk',
  'Asia/Khandyga',
  'Asia/Vladivostok',
  'Asia/Ust-Nera',
  'Asia/Magadan',
  'Asia/Sakhalin',
  'Asia/Srednekolymsk',
  'Asia/Kamchatka',
  'Asia/Anadyr',
] as const;

function rule(name: string, validate: (value: unknown) => boolean, message: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message: message.replace('$property', propertyName), ...options },
      validator: { validate },
    });
}

export const IsInn = (options?: ValidationOptions) =>
  rule('isInn', isValidInn, '$property must be a valid INN: 10 digits (organisation) or 12 digits, with correct check digits', options);

export const IsOgrn = (options?: ValidationOptions) =>
  rule('isOgrn', isValidOgrn, '$property must be a valid OGRN (13 digits) or OGRNIP (15 digits) with a correct check digit', options);
