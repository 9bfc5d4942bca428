export {
  DirectoryConfigEntity,
  DirectoryLinkEntity,
  DirectorySyncRunEntity,
} from './directory.entities.js';
