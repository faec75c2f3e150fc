import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppEnv } from '@app/config';
import { AuthService } from './auth.service.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppEnv],
      useFactory: (env: AppEnv) => ({ secret: env.JWT_SECRET, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  providers: [AuthService, UsersService],
  exports: [AuthService, UsersService],
})
export class IdentityModule {}
