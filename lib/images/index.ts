export * from './reference';
export * from './table';
export * from './mirror';
export {
  imagesFromManifests,
  imageUsesOf,
  parseManifests,
  podSpecOf,
  type ImageUse,
} from './manifests';
export * from './table-350';
