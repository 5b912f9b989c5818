'use client';

import { createContext, useContext } from 'react';

/** The secret fields a reload emptied (names only): a branch switch must not fill them with new values. */
export const LostSecretsContext = createContext<readonly string[]>([]);

export const useLostSecrets = () => useContext(LostSecretsContext);
