"""A small, safe reader for the PHP serialize() subset WordPress stores in meta values.

Only null, booleans, integers, floats, strings and arrays are understood; objects,
references and custom serialisation (O:, C:, r:, R:) are refused, as is anything
nested deeper or larger than a meta value has reason to be. Nothing is ever
evaluated: this is a parser, not an unserialiser.
"""

MAX_DEPTH = 8
MAX_ITEMS = 10_000
MAX_BYTES = 1_000_000


class PHPSerializeError(ValueError):
    pass


def loads(value: str | bytes):
    """Parse one serialised value; string lengths count bytes, as PHP does."""
    data = value.encode("utf-8") if isinstance(value, str) else value
    if len(data) > MAX_BYTES:
        raise PHPSerializeError("serialised value too large")
    reader = _Reader(data)
    result = reader.value(0)
    if reader.pos != len(data):
        raise PHPSerializeError(f"unexpected data at byte {reader.pos}")
    return result


def is_serialized(value: str) -> bool:
    value = value.strip()
    return len(value) >= 4 and value[:2] in ("a:", "s:", "i:", "d:", "b:") or value == "N;"


class _Reader:
    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0
        self.items = 0

    def _expect(self, token: bytes) -> None:
        if not self.data.startswith(token, self.pos):
            raise PHPSerializeError(f"expected {token.decode()!r} at byte {self.pos}")
        self.pos += len(token)

    def _until(self, terminator: bytes) -> bytes:
        end = self.data.find(terminator, self.pos)
        if end < 0:
            raise PHPSerializeError(f"unterminated value at byte {self.pos}")
        chunk = self.data[self.pos : end]
        self.pos = end + len(terminator)
        return chunk

    def _int(self, raw: bytes) -> int:
        text = raw.decode("ascii", "replace")
        if not text.lstrip("+-").isdigit() or len(text) > 20:
            raise PHPSerializeError(f"bad integer {text!r}")
        return int(text)

    def value(self, depth: int):
        if depth > MAX_DEPTH:
            raise PHPSerializeError("nested too deeply")
        self.items += 1
        if self.items > MAX_ITEMS:
            raise PHPSerializeError("too many values")
        if self.pos + 2 > len(self.data):
            raise PHPSerializeError("unexpected end of data")
        kind = self.data[self.pos : self.pos + 1]
        if kind == b"N":
            self._expect(b"N;")
            return None
        self.pos += 1
        self._expect(b":")
        if kind == b"b":
            flag = self._until(b";")
            if flag not in (b"0", b"1"):
                raise PHPSerializeError("bad boolean")
            return flag == b"1"
        if kind == b"i":
            return self._int(self._until(b";"))
        if kind == b"d":
            raw = self._until(b";").decode("ascii", "replace")
            try:
                return float(raw)
            except ValueError:
                raise PHPSerializeError(f"bad float {raw!r}") from None
        if kind == b"s":
            length = self._int(self._until(b":"))
            if length < 0 or self.pos + length + 3 > len(self.data):
                raise PHPSerializeError("string length beyond the data")
            self._expect(b'"')
            raw = self.data[self.pos : self.pos + length]
            self.pos += length
            self._expect(b'";')
            return raw.decode("utf-8", "replace")
        if kind == b"a":
            count = self._int(self._until(b":"))
            if count < 0 or count > MAX_ITEMS:
                raise PHPSerializeError("bad array size")
            self._expect(b"{")
            result = {}
            for _ in range(count):
                key = self.value(depth + 1)
                if not isinstance(key, int | str):
                    raise PHPSerializeError("array keys must be integers or strings")
                result[key] = self.value(depth + 1)
            self._expect(b"}")
            return result
        raise PHPSerializeError(f"unsupported type {kind.decode('ascii', 'replace')!r}")
