/** Whether a category usually holds money out or money in (shared by the entity and the GraphQL enum). */
export enum CategoryKind {
  EXPENSE = 'EXPENSE',
  INCOME = 'INCOME',
}

/** A category as the service hands it out. */
export interface CategoryRecord {
  id: number;
  name: string;
  kind: CategoryKind;
  color: string;
  /** Whether what is left (or overspent) at a month's end carries into the next. */
  rollover: boolean;
  createdAt: Date;
}

/** What a create or an update gives; ids are the service's, never GraphQL's. */
export interface CategoryData {
  name?: string | null;
  kind?: CategoryKind | null;
  color?: string | null;
}
