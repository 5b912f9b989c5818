import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '../answers';
import { decideStorage, isDefaultClass, wantedStorageClasses } from './storage';

const classes = [
  { name: 'fast', provisioner: 'p', isDefault: false },
  { name: 'standard', provisioner: 'p', isDefault: true },
];

describe('decideStorage', () => {
  it.each([
    [
      [{ who: 'the local MySQL', className: 'fast' }],
      classes,
      'pass',
      'StorageClass fast for the local MySQL exists.',
    ],
    [
      [{ who: 'the local MySQL', className: '' }],
      classes,
      'pass',
      'StorageClass default standard for the local MySQL exists.',
    ],
    [
      [{ who: 'the local MySQL', className: 'gp2' }],
      classes,
      'fail',
      'StorageClass gp2 for the local MySQL does not exist; the cluster has fast and standard.',
    ],
    [
      [{ who: 'the local MySQL', className: '' }],
      [classes[0]!],
      'fail',
      'The local MySQL asks for the default StorageClass, but none is marked default; the cluster has fast.',
    ],
    [
      [
        { who: 'the local MySQL', className: 'fast' },
        { who: 'the local RabbitMQ', className: 'slow' },
      ],
      classes,
      'fail',
      'StorageClass slow for the local RabbitMQ does not exist; the cluster has fast and standard.',
    ],
    [
      [{ who: 'the local RabbitMQ', className: 'x' }],
      [],
      'fail',
      'StorageClass x for the local RabbitMQ does not exist; the cluster has no StorageClass.',
    ],
  ])('%#', (wanted, have, status, message) => {
    expect(decideStorage(wanted, have)).toMatchObject({ status, message });
  });

  it('reads the volumes the answers use', () => {
    const a = defaultAnswers();
    expect(wantedStorageClasses(a)).toEqual([{ who: 'the local MySQL', className: '' }]);
    a.database = {
      ...a.database,
      storage: { kind: 'ephemeral', sizeLimit: '5Gi' },
    } as typeof a.database;
    expect(wantedStorageClasses(a)).toEqual([]);
    a.messageQueue = {
      mode: 'local',
      port: '5672',
      queueName: 'q',
      user: 'u',
      password: 'p',
      storage: { kind: 'persistent', size: '1Gi', storageClassName: 'fast' },
      metrics: false,
      serviceAnnotations: [],
    };
    expect(wantedStorageClasses(a)).toEqual([{ who: 'the local RabbitMQ', className: 'fast' }]);
    // chart 3.50 keeps the queue on an emptyDir: its storage answer makes no claim
    expect(wantedStorageClasses({ ...a, chart: '3.50.0' })).toEqual([]);
  });

  it('knows both default annotations', () => {
    expect(isDefaultClass({ 'storageclass.kubernetes.io/is-default-class': 'true' })).toBe(true);
    expect(isDefaultClass({ 'storageclass.beta.kubernetes.io/is-default-class': 'true' })).toBe(
      true,
    );
    expect(isDefaultClass({ 'storageclass.kubernetes.io/is-default-class': 'false' })).toBe(false);
    expect(isDefaultClass(undefined)).toBe(false);
  });
});
