/**
 * A minimal GGUF v3 writer: metadata of the common scalar types, string and number arrays, and f32
 * tensors. Enough to build llama-architecture test models; no quantised types.
 */

/** One metadata value, tagged with its GGUF type. */
export type GgufValue =
  | { readonly type: "u32"; readonly value: number }
  | { readonly type: "i32"; readonly value: number }
  | { readonly type: "f32"; readonly value: number }
  | { readonly type: "bool"; readonly value: boolean }
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "string[]"; readonly value: readonly string[] }
  | { readonly type: "f32[]"; readonly value: readonly number[] | Float32Array }
  | { readonly type: "i32[]"; readonly value: readonly number[] | Int32Array };

/** One f32 tensor; `dims` innermost first, as GGUF lists them. */
export interface GgufTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

const TYPE = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 } as const;
const ALIGNMENT = 32;

/** Growable little-endian byte sink. */
class Sink {
  private buf = Buffer.alloc(1 << 16);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = Buffer.alloc(size);
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  u32(v: number): void {
    this.ensure(4);
    this.length = this.buf.writeUInt32LE(v, this.length);
  }
  i32(v: number): void {
    this.ensure(4);
    this.length = this.buf.writeInt32LE(v, this.length);
  }
  f32(v: number): void {
    this.ensure(4);
    this.length = this.buf.writeFloatLE(v, this.length);
  }
  u64(v: number): void {
    this.ensure(8);
    this.length = this.buf.writeBigUInt64LE(BigInt(v), this.length);
  }
  u8(v: number): void {
    this.ensure(1);
    this.length = this.buf.writeUInt8(v, this.length);
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  str(s: string): void {
    const b = Buffer.from(s, "utf8");
    this.u64(b.length);
    this.bytes(b);
  }
  pad(): void {
    const rem = this.length % ALIGNMENT;
    if (rem !== 0) this.bytes(new Uint8Array(ALIGNMENT - rem));
  }
  result(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

function writeValue(out: Sink, v: GgufValue): void {
  switch (v.type) {
    case "u32":
      out.u32(TYPE.u32);
      out.u32(v.value);
      return;
    case "i32":
      out.u32(TYPE.i32);
      out.i32(v.value);
      return;
    case "f32":
      out.u32(TYPE.f32);
      out.f32(v.value);
      return;
    case "bool":
      out.u32(TYPE.bool);
      out.u8(v.value ? 1 : 0);
      return;
    case "string":
      out.u32(TYPE.string);
      out.str(v.value);
      return;
    case "string[]":
      out.u32(TYPE.array);
      out.u32(TYPE.string);
      out.u64(v.value.length);
      for (const s of v.value) out.str(s);
      return;
    case "f32[]":
      out.u32(TYPE.array);
      out.u32(TYPE.f32);
      out.u64(v.value.length);
      for (const x of v.value) out.f32(x);
      return;
    case "i32[]":
      out.u32(TYPE.array);
      out.u32(TYPE.i32);
      out.u64(v.value.length);
      for (const x of v.value) out.i32(x);
      return;
  }
}

/** Serialise a GGUF v3 file (metadata in the given order, then tensor infos, then aligned data). */
export function encodeGguf(metadata: ReadonlyMap<string, GgufValue>, tensors: readonly GgufTensor[]): Buffer {
  const out = new Sink();
  out.bytes(Buffer.from("GGUF", "ascii"));
  out.u32(3);
  out.u64(tensors.length);
  out.u64(metadata.size);
  for (const [key, value] of metadata) {
    out.str(key);
    writeValue(out, value);
  }
  let offset = 0;
  for (const t of tensors) {
    const count = t.dims.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`tensor ${t.name}: dims hold ${count} values, data has ${t.data.length}`);
    out.str(t.name);
    out.u32(t.dims.length);
    for (const d of t.dims) out.u64(d);
    out.u32(0); // F32
    out.u64(offset);
    offset += Math.ceil((t.data.length * 4) / ALIGNMENT) * ALIGNMENT;
  }
  out.pad();
  for (const t of tensors) {
    out.bytes(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    out.pad();
  }
  return out.result();
}
