import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { IdParam } from '../common/http/id.pipe';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { AuthService } from '../auth/auth.service';
import { RevokedDto } from '../auth/dto/auth.dto';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  /** Ministry staff open accounts of any role (commission members, auditors, cluster staff, colleagues). */
  @Post()
  @Roles('ministry')
  async create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.create(actor, body));
  }

  @Get()
  @Roles('ministry', 'auditor')
  async list(@Query() query: UserQueryDto): Promise<UserPageDto> {
    const { items, total } = await this.users.list(query);
    return { items: items.map(UserDto.from), total };
  }

  @Get(':id')
  @Roles('ministry', 'auditor')
  async get(@IdParam() id: string): Promise<UserDto> {
    return UserDto.from(await this.users.get(id));
  }

  /** Rename, (de)activate, attach an applicant to a cluster. Deactivation revokes all the user's sessions. */
  @Patch(':id')
  @Roles('ministry')
  async update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.update(actor, id, body));
  }

  /** Revokes every token of the user at once (lost laptop, left the ministry, ...). */
  @Post(':id/sessions/revoke')
  @Roles('ministry')
  @HttpCode(200)
  async revokeSessions(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<RevokedDto> {
    await this.users.get(id);
    return { revoked: await this.auth.revokeAllSessions(actor, id) };
  }
}
