import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppEnv } from '@app/config';
import { AuthService } from './auth.service.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppEnv],
      // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a
      // public key on every verification, which costs more than the rest of the request.
      useFactory: (env: AppEnv) => {
        const secret = createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8'));
        return { secret: secret as unknown as string, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } };
      },
    }),
  ],
  providers: [AuthService, UsersService],
  exports: [AuthService, UsersService],
})
export class IdentityModule {}
