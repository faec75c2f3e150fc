import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/common';
import { AuthService, type Session } from '@app/identity';
import { AnyRole, CurrentActor, Public } from './access.decorators.js';
import { ActorDto, ChangePasswordDto, LoginDto, LogoutDto, RefreshDto, SessionDto } from './auth.dto.js';

@ApiTags('认证')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  login(@Body() dto: LoginDto): Promise<Session> {
    return this.auth.login(dto.username, dto.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  refresh(@Body() dto: RefreshDto): Promise<Session> {
    return this.auth.refresh(dto.refreshToken);
  }

  @AnyRole()
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentActor() actor: Actor, @Body() dto: LogoutDto): Promise<void> {
    await this.auth.logout(dto.refreshToken, actor);
  }

  @AnyRole()
  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: ActorDto })
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  @AnyRole()
  @ApiBearerAuth()
  @Post('change-password')
  @HttpCode(204)
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }
}
