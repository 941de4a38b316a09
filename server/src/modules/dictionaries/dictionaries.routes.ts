import {
  DictionaryOption,
  DictionaryOptionInput,
  DictionaryOptionParams,
  DictionaryOptionPatch,
  DictionaryTypeParams,
  dictionaryTypes,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './dictionaries.service.ts';

export function dictionariesRoutes(app: FastifyInstance, { db }: AppContext): void {
  const tag = 'dictionaries';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/dictionaries',
      access: 'authenticated',
      tag,
      summary: 'List dictionary types',
      response: z.array(z.string()),
    },
    async () => [...dictionaryTypes],
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/dictionaries/:type/options',
      access: 'authenticated',
      tag,
      summary: 'List the options of a dictionary',
      params: DictionaryTypeParams,
      response: z.array(DictionaryOption),
    },
    async ({ params }) => service.listDictionaryOptions(db, params.type),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/dictionaries/:type/options',
      access: 'dictionaries.manage',
      tag,
      summary: 'Add an option',
      params: DictionaryTypeParams,
      body: DictionaryOptionInput,
      response: DictionaryOption,
      status: 201,
    },
    async ({ actor, params, body }) => service.createDictionaryOption(db, actor, params.type, body),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/v1/dictionaries/:type/options/:id',
      access: 'dictionaries.manage',
      tag,
      summary: 'Change an option',
      params: DictionaryOptionParams,
      body: DictionaryOptionPatch,
      response: DictionaryOption,
    },
    async ({ actor, params, body }) => service.updateDictionaryOption(db, actor, params.type, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/v1/dictionaries/:type/options/:id',
      access: 'dictionaries.manage',
      tag,
      summary: 'Delete an option',
      params: DictionaryOptionParams,
      status: 204,
    },
    async ({ actor, params }) => service.deleteDictionaryOption(db, actor, params.type, params.id),
  );
}
