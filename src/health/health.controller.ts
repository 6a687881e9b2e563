import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../common/access/access.decorators';
import { DomainError, CommonErrorCode } from '../common/errors/domain-error';

export class HealthDto {
  status: 'ok';
  database: 'ok';
  /** The database clock, which decides every deadline. */
  databaseTime: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** 200 when the app can reach PostgreSQL; 503 otherwise. */
  @Get()
  @Public()
  async health(): Promise<HealthDto> {
    try {
      const [row] = await this.dataSource.query('SELECT now() AS now');
      return { status: 'ok', database: 'ok', databaseTime: (row.now as Date).toISOString() };
    } catch {
      throw new DomainError(CommonErrorCode.SERVICE_UNAVAILABLE, 'The database is not reachable', HttpStatus.SERVICE_UNAVAILABLE);
    }
  }
}
