import { settingsCommand } from './settingsCommand';

export const { description, command, execute } = settingsCommand('turbo', 'turbo');
