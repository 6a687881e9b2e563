import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Query strings carry text: only plain decimal digits become a number ("1e1", "0x10" stay invalid). */
export const QueryInt = () => Transform(({ value }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value));

export class PageQueryDto {
  /** 1-based page number. */
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number = 1;

  /** Items per page (1–200). */
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number = 50;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export const pageWindow = (query: PageQueryDto) => {
  const pageSize = query.pageSize ?? 50;
  return { offset: ((query.page ?? 1) - 1) * pageSize, limit: pageSize };
};
