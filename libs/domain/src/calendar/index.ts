export * from './calendar-data';
export * from './day-number';
export * from './working-calendar';
