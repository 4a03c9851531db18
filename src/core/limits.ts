/** The longest id (customer, account, subscription) the schemas and the API accept, in characters. */
export const ID_MAX_LENGTH = 200;
