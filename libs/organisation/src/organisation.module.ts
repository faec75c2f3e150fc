import { Module } from '@nestjs/common';
import { ContactsService } from './contacts.service.js';
import { CountyTiersService } from './county-tiers.service.js';
import { UnitGroupsService } from './unit-groups.service.js';
import { UnitsService } from './units.service.js';

@Module({
  providers: [UnitsService, ContactsService, CountyTiersService, UnitGroupsService],
  exports: [UnitsService, ContactsService, CountyTiersService, UnitGroupsService],
})
export class OrganisationModule {}
