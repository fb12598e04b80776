import { CategoryKind } from './category.model';

/** What a new user starts with, so the first transaction can be categorised straight away. */
export const starterCategories: ReadonlyArray<{ name: string; kind: CategoryKind; color: string }> = [
  { name: 'Groceries', kind: CategoryKind.EXPENSE, color: '#4caf50' },
  { name: 'Rent', kind: CategoryKind.EXPENSE, color: '#795548' },
  { name: 'Utilities', kind: CategoryKind.EXPENSE, color: '#607d8b' },
  { name: 'Transport', kind: CategoryKind.EXPENSE, color: '#2196f3' },
  { name: 'Eating out', kind: CategoryKind.EXPENSE, color: '#ff9800' },
  { name: 'Health', kind: CategoryKind.EXPENSE, color: '#e91e63' },
  { name: 'Shopping', kind: CategoryKind.EXPENSE, color: '#9c27b0' },
  { name: 'Entertainment', kind: CategoryKind.EXPENSE, color: '#00bcd4' },
  { name: 'Salary', kind: CategoryKind.INCOME, color: '#8bc34a' },
  { name: 'Other income', kind: CategoryKind.INCOME, color: '#cddc39' },
];
