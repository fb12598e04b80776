// The documents the benchmark sends: the web client's own (web/src/graphql), loaded by the test kit.
import { loadWebOperations } from '../../test-kit/web-operations.cjs';

function loadOperations() {
  const web = loadWebOperations();
  const documentFor = (name) => {
    const operation = web.get(name);
    if (!operation) throw new Error(`web/src/graphql has no operation ${name}`);
    return operation.document();
  };
  return {
    transactions: documentFor('Transactions'),
    dashboard: documentFor('Dashboard'),
    budgetMonth: documentFor('BudgetMonth'),
    budgetHistory: documentFor('BudgetHistory'),
    createTransaction: documentFor('CreateTransaction'),
    updateTransaction: documentFor('UpdateTransaction'),
    categories: documentFor('Categories'),
    createAccount: documentFor('CreateAccount'),
    register: documentFor('Register'),
    login: documentFor('Login'),
  };
}

export const operations = loadOperations();
