import { Module } from '@nestjs/common';
import { ContactsService } from './contacts.service.js';
import { CountyTiersService } from './county-tiers.service.js';
import { UnitsService } from './units.service.js';

@Module({
  providers: [UnitsService, ContactsService, CountyTiersService],
  exports: [UnitsService, ContactsService, CountyTiersService],
})
export class OrganisationModule {}
