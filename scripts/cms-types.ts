/**
 * `npm run cms:types`: generates `src/lib/server/cms/generated/schemas.ts`, one zod schema (and
 * its TypeScript type) per content type, from the Strapi `schema.json` files and the populate
 * definitions. `--check` fails when the committed file is stale.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { populate, type PopulateClause, type PopulateMap } from '../src/lib/server/cms/populate.ts';
import { paths } from '../server/src/paths.ts';

interface Attribute {
  type: string;
  required?: boolean;
  maxLength?: number;
  minLength?: number;
  min?: number;
  max?: number;
  regex?: string;
  enum?: string[];
  multiple?: boolean;
  repeatable?: boolean;
  component?: string;
  relation?: string;
  target?: string;
  private?: boolean;
}
type Attributes = Record<string, Attribute>;

const OUTPUT = path.join(paths.root, 'src/lib/server/cms/generated/schemas.ts');

/** Strapi's own upload file fields (plugin::upload.file), as its REST API returns them. */
const FILE_FIELDS: Attributes = {
  name: { type: 'string', required: true },
  url: { type: 'string', required: true },
  alternativeText: { type: 'string' },
  caption: { type: 'string' },
  width: { type: 'integer' },
  height: { type: 'integer' },
  mime: { type: 'string', required: true },
  size: { type: 'decimal', required: true },
  // The sizes made of a picture at upload (cms-schema/src/picture-variants.ts), by key.
  formats: { type: 'uploadFormats' },
};

function readAttributes(file: string): Attributes {
  return (JSON.parse(readFileSync(file, 'utf8')) as { attributes: Attributes }).attributes;
}

/** Reads every content type and component of the Strapi app. */
function loadSchemas() {
  const api = path.join(paths.cms, 'src/api');
  const contentTypes = new Map<string, { name: string; attributes: Attributes }>();
  for (const name of readdirSync(api)) {
    const file = path.join(api, name, 'content-types', name, 'schema.json');
    if (!existsSync(file)) continue;
    contentTypes.set(`api::${name}.${name}`, { name, attributes: readAttributes(file) });
  }
  const componentsDir = path.join(paths.cms, 'src/components');
  const components = new Map<string, Attributes>();
  for (const category of readdirSync(componentsDir)) {
    for (const file of readdirSync(path.join(componentsDir, category))) {
      const uid = `${category}.${file.replace(/\.json$/, '')}`;
      components.set(uid, readAttributes(path.join(componentsDir, category, file)));
    }
  }
  return { contentTypes, components };
}

const { contentTypes, components } = loadSchemas();

function scalar(attr: Attribute, where: string): string {
  switch (attr.type) {
    case 'string':
    case 'text':
    case 'richtext':
    case 'email':
    case 'uid': {
      let s = 'z.string()';
      if (attr.required) s += '.min(1)';
      if (attr.maxLength !== undefined) s += `.max(${attr.maxLength})`;
      if (attr.regex) s += `.regex(new RegExp(${JSON.stringify(attr.regex)}))`;
      return s;
    }
    case 'integer': {
      let s = 'z.number().int()';
      if (attr.min !== undefined) s += `.min(${attr.min})`;
      if (attr.max !== undefined) s += `.max(${attr.max})`;
      return s;
    }
    case 'float':
    case 'decimal':
      return 'z.number()';
    case 'biginteger':
      return 'z.string()';
    case 'boolean':
      return 'z.boolean()';
    case 'datetime':
      return 'z.iso.datetime()';
    case 'date':
      return 'z.iso.date()';
    case 'enumeration':
      return `z.enum(${JSON.stringify(attr.enum)})`;
    case 'json':
      return 'z.unknown()';
    case 'uploadFormats':
      return (
        'z.record(z.string(), z.object({ url: z.string().min(1), mime: z.string(), ' +
        'width: z.number().int().nullable(), height: z.number().int().nullable() })).transform(pageVariants)'
      );
    default:
      throw new Error(`cms:types: unsupported attribute type "${attr.type}" at ${where}`);
  }
}

/** Nested clause of a populated attribute, or null when it is not populated. */
function clauseOf(map: PopulateMap | undefined, key: string): Exclude<PopulateClause, true> | null {
  const clause = map?.[key];
  if (clause === undefined) return null;
  return clause === true ? {} : clause;
}

/**
 * Builds the zod source of an object whose attributes Strapi returns for a given populate
 * clause: listed `fields` only (plus ids) when given, every scalar otherwise; relations,
 * media and components only when populated.
 */
function objectSource(
  attributes: Attributes,
  clause: Exclude<PopulateClause, true>,
  where: string,
  system: 'document' | 'upload' | 'component',
): string {
  // Strapi's row `id`, `createdAt` and an upload's `documentId` are left out (zod drops what a
  // schema does not name): no page reads them, and every field of every story is held, written
  // and read back by the content store of each build (at 100,000 stories, 100,000 more values each).
  const props: string[] = [];
  if (system === 'document') {
    props.push('documentId: z.string()');
    if (!clause.fields) props.push('updatedAt: z.iso.datetime()', 'publishedAt: z.iso.datetime().nullable()');
  }
  for (const field of clause.fields ?? []) {
    if (!attributes[field]) throw new Error(`cms:types: populate names unknown field "${field}" at ${where}`);
  }
  for (const key of Object.keys(clause.populate ?? {})) {
    if (!attributes[key]) throw new Error(`cms:types: populate names unknown attribute "${key}" at ${where}`);
  }
  for (const [key, attr] of Object.entries(attributes)) {
    if (attr.private) continue;
    const at = `${where}.${key}`;
    const nested = clauseOf(clause.populate, key);
    let source: string | null = null;
    let many = false;
    if (attr.type === 'relation') {
      if (!nested) continue;
      const target = contentTypes.get(attr.target!);
      if (!target) throw new Error(`cms:types: unknown relation target "${attr.target}" at ${at}`);
      source = objectSource(target.attributes, nested, at, 'document');
      many = /ToMany$/.test(attr.relation ?? '');
    } else if (attr.type === 'media') {
      if (!nested) continue;
      source = objectSource(FILE_FIELDS, nested, at, 'upload');
      many = attr.multiple === true;
    } else if (attr.type === 'component') {
      if (!nested) continue;
      const component = components.get(attr.component!);
      if (!component) throw new Error(`cms:types: unknown component "${attr.component}" at ${at}`);
      source = objectSource(component, nested, at, 'component');
      many = attr.repeatable === true;
    } else if (attr.type === 'dynamiczone') {
      throw new Error(`cms:types: dynamic zones are not supported (${at})`);
    } else {
      if (clause.fields && !clause.fields.includes(key)) continue;
      source = scalar(attr, at);
    }
    if (many) source = `z.array(${source})`;
    else if (!attr.required) source = `${source}.nullable()`;
    props.push(`${JSON.stringify(key)}: ${source}`);
  }
  return `z.object({ ${props.join(', ')} })`;
}

const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

/** Renders the whole generated module. */
async function render(): Promise<string> {
  const parts = [
    '// Generated by `npm run cms:types` from cms-schema/src/**/schema.json and src/lib/server/cms/populate.ts.\n' +
      '// Do not edit by hand: change the Strapi schema or the populate definition and run it again.',
    "import { z } from 'astro/zod';",
    "import { pageVariants } from '../../../picture';",
  ];
  for (const [key, clause] of Object.entries(populate) as [string, PopulateMap][]) {
    const ct = contentTypes.get(`api::${key}.${key}`);
    if (!ct) throw new Error(`cms:types: populate names unknown content type "${key}"`);
    const name = pascal(key);
    parts.push(
      `/** One ${key} entry as the REST API returns it with its populate definition. */\n` +
        `export const ${key}Schema = ${objectSource(ct.attributes, { populate: clause }, key, 'document')};`,
      `/** A validated ${key} entry. */\nexport type ${name} = z.infer<typeof ${key}Schema>;`,
    );
  }
  for (const uid of contentTypes.keys()) {
    const key = uid.split('.').pop()!;
    if (!(key in populate))
      throw new Error(`cms:types: content type "${uid}" has no populate definition in src/lib/server/cms/populate.ts`);
  }
  const config = await prettier.resolveConfig(OUTPUT);
  return prettier.format(parts.join('\n\n'), { ...config, filepath: OUTPUT });
}

const source = await render();
if (process.argv.includes('--check')) {
  const current = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '';
  if (current !== source) {
    console.error(`cms:types: ${path.relative(paths.root, OUTPUT)} is stale; run \`npm run cms:types\` and commit it`);
    process.exit(1);
  }
  console.log('cms:types: generated types are up to date');
} else {
  writeFileSync(OUTPUT, source);
  console.log(`cms:types: wrote ${path.relative(paths.root, OUTPUT)}`);
}
