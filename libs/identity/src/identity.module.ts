import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppEnv, requireJwtSecret } from '@app/config';
import { OrganisationModule } from '@app/organisation';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE } from './access-token.js';
import { AuthService } from './auth.service.js';
import { PlatformService } from './platform.service.js';
import { UsersService } from './users.service.js';
import { QueueBoardPass } from './queue-board-pass.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { UserSession } from './user-session.entity.js';
import { User } from './user.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, RefreshToken, UserSession, QueueBoardPass]),
    OrganisationModule,
    JwtModule.registerAsync({
      inject: [AppEnv],
      // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a
      // public key on every verification, which costs more than the rest of the request.
      // There is no default key: a process that signs or verifies tokens refuses to start without one.
      useFactory: (env: AppEnv) => {
        const secret = createSecretKey(Buffer.from(requireJwtSecret(env), 'utf8'));
        const pinned = { issuer: env.PUBLIC_URL, audience: ACCESS_TOKEN_AUDIENCE };
        return {
          secret: secret as unknown as string,
          signOptions: { algorithm: ACCESS_TOKEN_ALGORITHM, ...pinned },
          verifyOptions: { algorithms: [ACCESS_TOKEN_ALGORITHM], ...pinned },
        };
      },
    }),
  ],
  providers: [AuthService, UsersService, PlatformService],
  exports: [AuthService, UsersService, PlatformService],
})
export class IdentityModule {}
