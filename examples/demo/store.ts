// In-memory data of the demo REST API: notes and todos, seeded fresh for every
// server instance so tests never see each other's writes.

/** A note (the Basic/Bearer/query-key protected resource). */
export interface Note {
  id: string;
  title: string;
  text: string;
  tags: string[];
  createdAt: string;
}

/** A todo item (the header-API-key protected resource). */
export interface Todo {
  id: string;
  title: string;
  done: boolean;
  due?: string;
}

/** Result of validating a create request: the value or a field-named error. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const SEED_NOTES: Array<Omit<Note, "id" | "createdAt">> = [
  { title: "Gateway checklist", text: "Build the wasm, mount it, check /mcp.", tags: ["ops", "gateway"] },
  { title: "Shopping", text: "Coffee beans, oat milk, bread.", tags: ["home"] },
  { title: "MCP ideas", text: "Expose the notes API as MCP tools.", tags: ["mcp", "ideas"] },
];

const SEED_TODOS: Array<Omit<Todo, "id">> = [
  { title: "Write the OpenAPI document", done: true },
  { title: "Convert it to a plugin config", done: true },
  { title: "Call a tool from an MCP client", done: false, due: "2026-12-31" },
];

/** Mutable store of one demo API instance. */
export class DemoStore {
  readonly notes: Note[] = [];
  readonly todos: Todo[] = [];
  private nextNote = 1;
  private nextTodo = 1;

  constructor() {
    for (const n of SEED_NOTES) this.addNote(n.title, n.text, n.tags);
    for (const t of SEED_TODOS) this.addTodo(t.title, t.done, t.due);
  }

  /** Adds a note and returns it. */
  addNote(title: string, text: string, tags: string[]): Note {
    const note: Note = { id: String(this.nextNote++), title, text, tags, createdAt: "2026-01-01T00:00:00Z" };
    this.notes.push(note);
    return note;
  }

  /** Adds a todo and returns it. */
  addTodo(title: string, done: boolean, due?: string): Todo {
    const todo: Todo = { id: String(this.nextTodo++), title, done };
    if (due !== undefined) todo.due = due;
    this.todos.push(todo);
    return todo;
  }

  /** Notes whose title, text or tags contain `q` (case-insensitive). */
  search(q: string): Note[] {
    const needle = q.toLowerCase();
    return this.notes.filter(
      (n) =>
        n.title.toLowerCase().includes(needle) ||
        n.text.toLowerCase().includes(needle) ||
        n.tags.some((t) => t.toLowerCase().includes(needle)),
    );
  }
}

/** Validates a `POST /notes` body. */
export function checkNoteInput(body: unknown): Checked<{ title: string; text: string; tags: string[] }> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ok: false, error: "body must be a JSON object" };
  const b = body as Record<string, unknown>;
  if (typeof b.title !== "string" || b.title.trim() === "") return { ok: false, error: "title: required non-empty string" };
  if (b.text !== undefined && typeof b.text !== "string") return { ok: false, error: "text: must be a string" };
  if (b.tags !== undefined && (!Array.isArray(b.tags) || b.tags.some((t) => typeof t !== "string"))) {
    return { ok: false, error: "tags: must be an array of strings" };
  }
  return {
    ok: true,
    value: { title: b.title, text: (b.text as string | undefined) ?? "", tags: (b.tags as string[] | undefined) ?? [] },
  };
}

/** Validates a `POST /todos` body. */
export function checkTodoInput(body: unknown): Checked<{ title: string; due?: string }> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ok: false, error: "body must be a JSON object" };
  const b = body as Record<string, unknown>;
  if (typeof b.title !== "string" || b.title.trim() === "") return { ok: false, error: "title: required non-empty string" };
  if (b.due !== undefined && (typeof b.due !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(b.due))) {
    return { ok: false, error: "due: must be a date YYYY-MM-DD" };
  }
  return { ok: true, value: { title: b.title, due: b.due as string | undefined } };
}
