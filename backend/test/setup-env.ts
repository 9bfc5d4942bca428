import 'reflect-metadata';

process.env.TZ = 'UTC';
process.env.LOG_LEVEL ??= 'silent';
