import { Account } from '../modules/accounts/account.entity';
import { Budget, BudgetCache, BudgetCategoryClosing, BudgetClosing } from '../modules/budgets/budget.entity';
import { Category } from '../modules/categories/category.entity';
import { ImportBatch, ImportBatchMatch } from '../modules/imports/import-batch.entity';
import { ImportCsvMapping } from '../modules/imports/import-csv-mapping.entity';
import { ImportPreview, ImportPreviewRow } from '../modules/imports/import-preview.entity';
import { Rule, RuleSuggestion } from '../modules/rules/rule.entity';
import { Split } from '../modules/splits/split.entity';
import { Receipt } from '../modules/receipts/receipt.entity';
import { Transaction } from '../modules/transactions/transaction.entity';
import { Transfer, TransferRejection } from '../modules/transfers/transfer.entity';
import { User } from '../modules/users/user.entity';

export const entities = [User, Account, Category, Transaction, Receipt, ImportPreview, ImportPreviewRow, ImportBatch, ImportBatchMatch, ImportCsvMapping, Transfer, TransferRejection, Split, Rule, RuleSuggestion, Budget, BudgetCache, BudgetClosing, BudgetCategoryClosing];
