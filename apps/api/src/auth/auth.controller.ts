import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/common';
import { AuthService, type Session } from '@app/identity';
import { CurrentPrincipal, CurrentSessionId, Public, SignedIn } from './access.decorators.js';
import { ChangePasswordDto, LoginDto, LogoutDto, RefreshDto } from './auth.dto.js';

@ApiTags('认证')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<Session> {
    return this.auth.login(dto.username, dto.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto): Promise<Session> {
    return this.auth.refresh(dto.refreshToken);
  }

  @SignedIn()
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentPrincipal() actor: Principal,
    @CurrentSessionId() sessionId: string,
    @Body() dto: LogoutDto,
  ): Promise<void> {
    await this.auth.logout(sessionId, dto.refreshToken, actor);
  }

  @SignedIn()
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentPrincipal() actor: Principal): Principal {
    return actor;
  }

  @SignedIn()
  @ApiBearerAuth()
  @Post('change-password')
  @HttpCode(204)
  async changePassword(@CurrentPrincipal() actor: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }
}
