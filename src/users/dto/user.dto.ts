import { Transform } from 'class-transformer';
import { IsOptionalNotNull } from '../../common/http/optional';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../../common/access/access.decorators';
import { PageQueryDto } from '../../common/http/pagination.dto';
import { IsInn } from '../../clusters/russian-ids';
import { UserEntity } from '../user.entity';

const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateUserDto {
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @Length(2, 200)
  fullName: string;

  @IsIn(ROLES)
  role: Role;

  /** Initial password, at least 12 characters; the user should change it after the first login. */
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;

  /** Applicants only: the cluster they act for. */
  @IsOptional()
  @IsUUID()
  clusterId?: string;

  /** Commissioners: INN of their organisation (conflicts of interest are derived from it). */
  @IsOptional()
  @IsInn()
  organisationInn?: string;
}

export class UpdateUserDto {
  @IsOptionalNotNull()
  @IsString()
  @Length(2, 200)
  fullName?: string;

  /** Deactivating an account also revokes all its sessions. */
  @IsOptionalNotNull()
  @IsBoolean()
  isActive?: boolean;

  /** Applicants only: moves the account to another cluster; null detaches it from any cluster. */
  @IsOptional()
  @IsUUID()
  clusterId?: string | null;

  /** null clears it. */
  @IsOptional()
  @IsInn()
  organisationInn?: string | null;
}

export class UserQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @IsUUID()
  clusterId?: string;
}

export class RegisterApplicantDto {
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @Length(2, 200)
  fullName: string;

  @IsString()
  @MinLength(12)
  @MaxLength(200)
  @Matches(/\D/, { message: 'password must not be only digits' })
  password: string;
}

export class UserDto {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  clusterId: string | null;
  organisationInn: string | null;
  isActive: boolean;
  createdAt: string;

  static from(user: UserEntity): UserDto {
    return {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      role: user.role,
      clusterId: user.clusterId,
      organisationInn: user.organisationInn,
      isActive: user.isActive,
      createdAt: user.createdAt.toISOString(),
    };
  }
}

export class UserPageDto {
  items: UserDto[];
  total: number;
}
