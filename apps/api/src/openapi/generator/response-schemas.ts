import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {
  AnnotatedNodeParser,
  type BaseType,
  ChainNodeParser,
  CircularReferenceNodeParser,
  type CompletedConfig,
  Context,
  createFormatter,
  createParser,
  DEFAULT_CONFIG,
  type Definition,
  DefinitionType,
  EnumNodeParser,
  ExposeNodeParser,
  ExtendedAnnotationsReader,
  InterfaceAndClassNodeParser,
  type MutableParser,
  SchemaGenerator,
  type StringMap,
  type SubNodeParser,
  TypeAliasNodeParser,
  TypeLiteralNodeParser,
} from 'ts-json-schema-generator';

/** What a route handler answers, read from its declared return type. */
export type HandlerResult =
  | { kind: 'json'; schema: Definition }
  | { kind: 'none' }
  /** A `StreamableFile`, or a handler that writes the response itself through `@Res()`. */
  | { kind: 'file' };

export interface ResponseSchemas {
  /** By `Controller_method`, the operation id Nest gives each route. */
  handlers: Map<string, HandlerResult>;
  /** Named JSON Schemas (draft 7) the handler schemas refer to as `#/definitions/<name>`. */
  definitions: StringMap<Definition>;
}

const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);

/** The root of every type the generator names itself; a root that is not a named type comes back under it. */
const UNNAMED_ROOT = '<root>';

/**
 * Runs ts-json-schema-generator over the controllers' own return types, so the documented responses are the types
 * the compiler checks the handlers against. `extraTypes` adds named types that no handler returns (the error body).
 * Schemas are named after their types; where two different types of one name are answered, both take their
 * library's name in front (`AssessmentScheme`, `DomainScheme`), which costs a second pass.
 */
export function responseSchemas(repoRoot: string, extraTypes: { file: string; name: string }[]): ResponseSchemas {
  const controllerFiles = listFiles(path.join(repoRoot, 'apps/api/src'), (f) => f.endsWith('.controller.ts'));
  const program = createProgram(repoRoot, [...controllerFiles, ...extraTypes.map((t) => path.join(repoRoot, t.file))]);
  let qualified = new Set<string>();
  for (;;) {
    const generator = new HandlerSchemaGenerator(program, qualified);
    const result = generateAll(program, generator, controllerFiles, repoRoot, extraTypes);
    const shared = generator.sharedNames();
    if (shared.every((name) => qualified.has(name))) {
      if (result.problems.length > 0)
        throw new Error(`the API document cannot be made:\n${result.problems.join('\n')}`);
      return { handlers: result.handlers, definitions: generator.definitions };
    }
    qualified = new Set([...qualified, ...shared]);
  }
}

function generateAll(
  program: ts.Program,
  generator: HandlerSchemaGenerator,
  controllerFiles: string[],
  repoRoot: string,
  extraTypes: { file: string; name: string }[],
): { handlers: Map<string, HandlerResult>; problems: string[] } {
  const handlers = new Map<string, HandlerResult>();
  const problems: string[] = [];
  const attempt = (id: string, run: () => void) => {
    try {
      run();
    } catch (error) {
      problems.push(`${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  for (const file of controllerFiles) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not in the program`);
    for (const { controller, method } of routeHandlers(source)) {
      const id = `${controller.name!.text}_${method.name.getText(source)}`;
      attempt(id, () => handlers.set(id, generator.handlerResult(method, source, repoRoot)));
    }
  }
  for (const extra of extraTypes) {
    const source = program.getSourceFile(path.join(repoRoot, extra.file));
    const declaration = source?.statements.find(
      (s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
        (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === extra.name,
    );
    if (!declaration) throw new Error(`${extra.name} is not declared in ${extra.file}`);
    attempt(extra.name, () => generator.schemaOf(declaration));
  }
  return { handlers, problems };
}

function listFiles(dir: string, wanted: (file: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter(wanted)
    .sort();
}

function createProgram(repoRoot: string, rootNames: string[]): ts.Program {
  const configFile = path.join(repoRoot, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  return ts.createProgram({ rootNames, options: { ...parsed.options, noEmit: true } });
}

function decoratorName(decorator: ts.Decorator): string | undefined {
  const call = decorator.expression;
  const target = ts.isCallExpression(call) ? call.expression : call;
  return ts.isIdentifier(target) ? target.text : undefined;
}

function* routeHandlers(
  source: ts.SourceFile,
): Generator<{ controller: ts.ClassDeclaration; method: ts.MethodDeclaration }> {
  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name) continue;
    if (!ts.getDecorators(statement)?.some((d) => decoratorName(d) === 'Controller')) continue;
    for (const member of statement.members) {
      if (!ts.isMethodDeclaration(member)) continue;
      const name = (d: ts.Decorator) => decoratorName(d) ?? '';
      if (ts.getDecorators(member)?.some((d) => HTTP_DECORATORS.has(name(d))))
        yield { controller: statement, method: member };
    }
  }
}

/** The library a declaration lives in, as a name prefix: libs/assessment/src/… gives `Assessment`. */
function libraryPrefix(fileName: string): string {
  const lib = /\/libs\/([\w-]+)\//.exec(fileName)?.[1] ?? /\/apps\/([\w-]+)\//.exec(fileName)?.[1] ?? '';
  return lib.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase());
}

/**
 * Names a schema after its TypeScript type, prefixed with its library for the names in `qualified`, and notes which
 * declarations answered to each name so the caller can tell when two different types share one.
 */
class LibraryQualifiedExposeNodeParser extends ExposeNodeParser {
  constructor(
    typeChecker: ts.TypeChecker,
    subNodeParser: SubNodeParser,
    private readonly qualified: Set<string>,
    private readonly declarations: Map<string, Set<string>>,
  ) {
    super(typeChecker, subNodeParser, 'export', 'extended');
  }

  protected override getDefinitionName(node: ts.Node, context: Context): string {
    const name = super.getDefinitionName(node, context);
    const base = /^[^<]+/.exec(name)?.[0] ?? name;
    const fileName = node.getSourceFile().fileName;
    const seen = this.declarations.get(base) ?? new Set<string>();
    this.declarations.set(base, seen.add(`${fileName}:${node.pos}`));
    return this.qualified.has(base) ? `${libraryPrefix(fileName)}${name}` : name;
  }
}

/** Puts the qualifying name parsers ahead of the library's own for the declarations that become named schemas. */
function qualifiedNames(
  program: ts.Program,
  qualified: Set<string>,
  declarations: Map<string, Set<string>>,
): (parser: MutableParser) => void {
  const checker = program.getTypeChecker();
  return (parser) => {
    if (!(parser instanceof ChainNodeParser)) throw new Error('ts-json-schema-generator changed its parser chain');
    const annotated = (sub: SubNodeParser) => new AnnotatedNodeParser(sub, new ExtendedAnnotationsReader(checker));
    const exposed = (sub: SubNodeParser) =>
      new LibraryQualifiedExposeNodeParser(checker, annotated(sub), qualified, declarations);
    // Properties keep their doc comments, as in the library's own chain.
    const members = annotated(parser);
    parser
      .addNodeParser(new CircularReferenceNodeParser(exposed(new TypeAliasNodeParser(checker, parser))))
      .addNodeParser(exposed(new EnumNodeParser(checker)))
      .addNodeParser(new CircularReferenceNodeParser(exposed(new InterfaceAndClassNodeParser(checker, members, false))))
      .addNodeParser(new CircularReferenceNodeParser(exposed(new TypeLiteralNodeParser(checker, members, false))));
  };
}

class HandlerSchemaGenerator extends SchemaGenerator {
  readonly definitions: StringMap<Definition> = {};
  private readonly declarations: Map<string, Set<string>>;

  constructor(program: ts.Program, qualified: Set<string>) {
    const declarations = new Map<string, Set<string>>();
    const config: CompletedConfig = {
      ...DEFAULT_CONFIG,
      type: UNNAMED_ROOT,
      // Exported interfaces and aliases become named schemas; everything else is written inline.
      expose: 'export',
      topRef: true,
      // Descriptions come from the doc comments of the types and their properties.
      jsDoc: 'extended',
      encodeRefs: false,
      sortProps: true,
      functions: 'fail',
      skipTypeCheck: true,
    };
    super(
      program,
      createParser(program, config, qualifiedNames(program, qualified, declarations)),
      createFormatter(config),
      config,
    );
    this.declarations = declarations;
  }

  /** Names that more than one declaration answered to. */
  sharedNames(): string[] {
    return [...this.declarations].filter(([, found]) => found.size > 1).map(([name]) => name);
  }

  handlerResult(method: ts.MethodDeclaration, source: ts.SourceFile, repoRoot: string): HandlerResult {
    if (!method.type) {
      const line = source.getLineAndCharacterOfPosition(method.getStart()).line + 1;
      const where = `${path.relative(repoRoot, source.fileName)}:${line}`;
      throw new Error(`declare the handler's return type (${where}): the API document is made from it`);
    }
    const answered = unwrapPromise(method.type);
    if (answered.kind === ts.SyntaxKind.VoidKeyword || answered.kind === ts.SyntaxKind.UndefinedKeyword) {
      return { kind: 'none' };
    }
    if (ts.isTypeReferenceNode(answered) && answered.typeName.getText(source) === 'StreamableFile')
      return { kind: 'file' };
    return { kind: 'json', schema: this.schemaOf(answered) };
  }

  /** The schema of one type node: a `$ref` when the type is named, the schema itself when not. */
  schemaOf(node: ts.Node): Definition {
    let type: BaseType = this.nodeParser.createType(node, new Context());
    if (type instanceof DefinitionType && type.getName() === UNNAMED_ROOT) type = type.getType();
    const found: StringMap<Definition> = {};
    this.appendRootChildDefinitions(type, found);
    for (const [name, definition] of Object.entries(found)) {
      const known = this.definitions[name];
      // Two different types of one name would otherwise answer for each other without a word.
      if (known && JSON.stringify(known) !== JSON.stringify(definition)) {
        throw new Error(`two different types are named ${name}: rename one of them`);
      }
      this.definitions[name] = definition;
    }
    return this.typeFormatter.getDefinition(type);
  }
}

function unwrapPromise(node: ts.TypeNode): ts.TypeNode {
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && node.typeName.text === 'Promise') {
    const [inner] = node.typeArguments ?? [];
    if (inner) return inner;
  }
  return node;
}
