import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor, Page } from '@app/common';
import { type Contact, ContactsService } from '@app/organisation';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import { ContactQuery, CreateContactDto, UpdateContactDto } from './organisation.dto.js';

@ApiTags('联系人')
@ApiBearerAuth()
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @AnyRole()
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ContactQuery): Promise<Page<Contact>> {
    return this.contacts.list(actor, query, query);
  }

  @AnyRole()
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Contact> {
    return this.contacts.get(actor, id);
  }

  @Roles('admin', 'office')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateContactDto): Promise<Contact> {
    return this.contacts.create(actor, dto);
  }

  @Roles('admin', 'office')
  @Patch(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateContactDto,
  ): Promise<Contact> {
    return this.contacts.update(actor, id, dto);
  }

  @Roles('admin', 'office')
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<void> {
    await this.contacts.remove(actor, id);
  }
}
