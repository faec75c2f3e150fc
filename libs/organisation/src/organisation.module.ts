import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactsService } from './contacts.service.js';
import { CountyTiersService } from './county-tiers.service.js';
import { UnitGroupsService } from './unit-groups.service.js';
import { UnitsService } from './units.service.js';
import { Contact } from './contact.entity.js';
import { CountyTier } from './county-tier.entity.js';
import { UnitGroup } from './unit-group.entity.js';
import { Unit } from './unit.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Unit, CountyTier, UnitGroup, Contact])],
  providers: [UnitsService, ContactsService, CountyTiersService, UnitGroupsService],
  exports: [UnitsService, ContactsService, CountyTiersService, UnitGroupsService],
})
export class OrganisationModule {}
