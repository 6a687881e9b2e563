import { Body, Controller, Get, HttpCode, Ip, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { type Actor, CurrentActor, Public, ROLES, Roles } from '../common/access/access.decorators';
import { RegisterApplicantDto, UserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, LoginResponseDto, MeDto, RevokedDto, SessionListDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /** Exchanges e-mail and password for a bearer token. Failed attempts are rate-limited per e-mail and per IP. */
  @Post('login')
  @Public()
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Ip() ip: string, @Req() request: Request): Promise<LoginResponseDto> {
    const result = await this.auth.login(body.email, body.password, ip, request.header('user-agent')?.slice(0, 300) ?? null);
    return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: result.actor };
  }

  /** A cluster's staff member opens an applicant account, then registers the cluster. */
  @Post('register')
  @Public()
  async register(@Body() body: RegisterApplicantDto): Promise<UserDto> {
    return UserDto.from(await this.users.registerApplicant(body));
  }

  /** Revokes the token used for this request. */
  @Post('logout')
  @Roles(...ROLES)
  @HttpCode(204)
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }

  @Get('me')
  @Roles(...ROLES)
  me(@CurrentActor() actor: Actor): MeDto {
    return actor;
  }

  /** The caller's live sessions. */
  @Get('sessions')
  @ApiBearerAuth()
  @Roles(...ROLES)
  async sessions(@CurrentActor() actor: Actor): Promise<SessionListDto> {
    const sessions = await this.auth.listSessions(actor);
    const items = sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
      current: s.id === actor.sessionId,
    }));
    return { items, total: items.length };
  }

  /** Signs out every other device of the caller. */
  @Post('sessions/revoke-others')
  @Roles(...ROLES)
  @HttpCode(200)
  async revokeOthers(@CurrentActor() actor: Actor): Promise<RevokedDto> {
    return { revoked: await this.auth.revokeAllSessions(actor, actor.userId, true) };
  }

  /**
   * Changes the caller's password and signs out their other sessions. Wrong current passwords count towards
   * the sign-in limit of the account (429 once reached).
   */
  @Post('password')
  @Roles(...ROLES)
  @HttpCode(204)
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto, @Ip() ip: string): Promise<void> {
    await this.auth.changePassword(actor, body.currentPassword, body.newPassword, ip);
  }
}
