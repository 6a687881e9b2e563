import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { Role } from '../../common/access/access.decorators';

export class LoginDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @IsString()
  @MinLength(12)
  @MaxLength(200)
  @Matches(/\D/, { message: 'newPassword must not be only digits' })
  newPassword: string;
}

export class MeDto {
  userId: string;
  email: string;
  role: Role;
  clusterId: string | null;
  sessionId: string;
}

export class LoginResponseDto {
  /** Send as `Authorization: Bearer <token>`. Revoked by logout. */
  token: string;
  expiresAt: string;
  user: MeDto;
}

export class SessionDto {
  id: string;
  createdAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export class SessionListDto {
  items: SessionDto[];
  total: number;
}

export class RevokedDto {
  revoked: number;
}
