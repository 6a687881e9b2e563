import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersController } from '../users/users.controller';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { AuthController } from './auth.controller';
import { AccessGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';

/**
 * Accounts and sessions in one module: deactivating a user revokes its sessions and signing up creates a user,
 * so the two would otherwise import each other. The access guard is global: every route passes through it.
 */
@Module({
  controllers: [AuthController, UsersController],
  providers: [AuthRepository, AuthService, UsersRepository, UsersService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [UsersService, AuthService, UsersRepository],
})
export class AuthModule {}
