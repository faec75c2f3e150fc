import { AuditEntry } from '@app/audit';
import { RefreshToken, User } from '@app/identity';
import { Contact, CountyTier, Unit } from '@app/organisation';

/** Every mapped table; the data source and the Nest module both read this list. */
export const entities = [Unit, CountyTier, Contact, User, RefreshToken, AuditEntry];
