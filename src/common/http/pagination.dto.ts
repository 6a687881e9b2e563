import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQueryDto {
  /** 1-based page number. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number = 1;

  /** Items per page (1–200). */
  @IsOptional()
  @Type(() => Number)
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
