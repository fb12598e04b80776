import { Account } from '../modules/accounts/account.entity';
import { Category } from '../modules/categories/category.entity';
import { Receipt } from '../modules/receipts/receipt.entity';
import { Transaction } from '../modules/transactions/transaction.entity';
import { User } from '../modules/users/user.entity';

export const entities = [User, Account, Category, Transaction, Receipt];
