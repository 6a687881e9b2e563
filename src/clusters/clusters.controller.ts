import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { IdParam } from '../common/http/id.pipe';
import { ClustersService } from './clusters.service';
import { ClusterDto, ClusterPageDto, ClusterQueryDto, CreateClusterDto, UpdateClusterDto } from './dto/cluster.dto';

@ApiTags('clusters')
@Controller('clusters')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  /** Ministry staff add a cluster. */
  @Post()
  @Roles('ministry')
  async create(@CurrentActor() actor: Actor, @Body() body: CreateClusterDto): Promise<ClusterDto> {
    return ClusterDto.from(await this.clusters.create(actor, body));
  }

  /** An applicant registers its own cluster and is bound to it. */
  @Post('register')
  @Roles('applicant')
  async register(@CurrentActor() actor: Actor, @Body() body: CreateClusterDto): Promise<ClusterDto> {
    return ClusterDto.from(await this.clusters.register(actor, body));
  }

  /** Staff see every cluster; an applicant sees only its own. */
  @Get()
  @Roles('ministry', 'auditor', 'applicant')
  async list(@CurrentActor() actor: Actor, @Query() query: ClusterQueryDto): Promise<ClusterPageDto> {
    const { items, total } = await this.clusters.list(actor, query);
    return { items: items.map(ClusterDto.from), total };
  }

  @Get(':id')
  @Roles('ministry', 'auditor', 'applicant')
  async get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ClusterDto> {
    return ClusterDto.from(await this.clusters.get(actor, id));
  }

  /** Ministry staff edit any cluster; an applicant edits its own. */
  @Patch(':id')
  @Roles('ministry', 'applicant')
  async update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateClusterDto): Promise<ClusterDto> {
    return ClusterDto.from(await this.clusters.update(actor, id, body));
  }

  /** Only a cluster nobody acts for and nothing refers to can be deleted. */
  @Delete(':id')
  @Roles('ministry')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<void> {
    await this.clusters.remove(actor, id);
  }
}
