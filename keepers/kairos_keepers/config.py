"""Keeper configuration: a TOML file, then environment variables, then flags.

Each setting is taken from the highest of: a command-line flag (``--rpc-url``), an
environment variable (``KAIROS_KEEPER_RPC_URL``), the TOML file (``rpc_url = ...``,
path from ``--config`` or ``KAIROS_KEEPER_CONFIG``), the default. Keeper-specific
settings live in the file's ``[keepers.<name>]`` table, in
``KAIROS_KEEPER_<NAME>__<FIELD>`` variables and in ``--set field=value`` flags, and
are validated against the keeper's ``Settings`` dataclass. Example::

    rpc_url = "https://api.mainnet-beta.solana.com"
    keypair = "~/.config/solana/keeper.json"
    rpc_tier = "paid"          # rpc_rps / rpc_burst presets, each overridable
    priority_fee = 5000        # micro-lamports per compute unit
    shard_index = 0
    shard_count = 4

    [keepers.heartbeat]
    stall_warning_seconds = 20

``rpc_url`` also honours ``KAIROS_RPC_URL`` (the CLI's variable), below
``KAIROS_KEEPER_RPC_URL``. ``metrics_port`` defaults to the keeper's own port in
:data:`METRICS_PORTS`. ``kairos keeper config NAME --example`` prints a complete file.

Every value is validated; a bad one is reported with its field and where it came
from (``rpc_rps = -1 (environment variable KAIROS_KEEPER_RPC_RPS): must be > 0``),
all problems at once. Unknown keys are errors too: a typo must not silently fall
back to a default.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tomllib
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit, urlunsplit

from kairos.program import PROGRAM_ID
from solders.pubkey import Pubkey

ENV_PREFIX = "KAIROS_KEEPER_"
ENV_CONFIG = "KAIROS_KEEPER_CONFIG"
ENV_SHARED_RPC_URL = "KAIROS_RPC_URL"
"""The CLI's and the tests' cluster variable: keepers honour it below KAIROS_KEEPER_RPC_URL."""
KEEPERS_TABLE = "keepers"

METRICS_PORTS: dict[str, int] = {
    "heartbeat": 9464,
    "trigger": 9465,
    "liquidator": 9466,
    "interest": 9467,
    "auction": 9468,
    "jit-maker": 9469,
    "twap": 9470,
    "scheduler": 9471,
    "funding": 9472,
    "risk": 9473,
    "rebalancer": 9474,
}
"""Default metrics port of each keeper, so keepers on one host never collide; a keeper
not listed here gets a free port (0). ``metrics_port`` set anywhere wins."""

Commitment = Literal["processed", "confirmed", "finalized"]
RpcTier = Literal["localnet", "free", "paid", "dedicated"]
LogLevel = Literal["debug", "info", "warning", "error"]
LogFormat = Literal["json", "text"]

RPC_TIERS: dict[str, tuple[float, int]] = {
    # (requests per second, burst). "free" matches the public endpoints and the free
    # plans of hosted RPCs (~10 req/s); "paid" the common developer plans (~50 req/s);
    # "dedicated" a node of one's own; "localnet" leaves the embedded validator unthrottled.
    "localnet": (2000.0, 500),
    "free": (10.0, 10),
    "paid": (50.0, 100),
    "dedicated": (250.0, 500),
}
MAX_COMPUTE_UNITS = 1_400_000
# A safety cap: 1e8 micro-lamports/CU at 1.4M CU is 0.14 SOL per transaction. A
# typo past this would burn funds on every action.
MAX_PRIORITY_FEE = 100_000_000

T = TypeVar("T")


class ConfigError(ValueError):
    """One or more settings are invalid; ``problems`` lists each with its source."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"invalid keeper configuration:\n{lines}")


def setting(
    default: Any,
    help: str,
    *,
    gt: float | None = None,
    ge: float | None = None,
    le: float | None = None,
) -> Any:
    """A dataclass field with help text and numeric bounds, for config dataclasses."""
    return dataclasses.field(default=default, metadata={"help": help, "gt": gt, "ge": ge, "le": le})


def derive_ws_url(rpc_url: str) -> str:
    """The PubSub URL as Solana's tools derive it: ws(s) scheme, port + 1."""
    parts = urlsplit(rpc_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    netloc = parts.netloc
    if parts.port is not None:
        netloc = f"{parts.hostname}:{parts.port + 1}"
    return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))


@dataclasses.dataclass(frozen=True)
class KeeperConfig:
    """Settings every keeper shares. Zero/empty values marked "derived" are filled in."""

    rpc_url: str = setting("http://127.0.0.1:8899", "JSON-RPC endpoint.")
    ws_url: str = setting("", "PubSub websocket endpoint (derived: rpc_url's port + 1).")
    keypair: Path = setting(
        Path("~/.config/solana/id.json"), "Fee payer keypair file (Solana CLI JSON format)."
    )
    program_id: Pubkey = setting(PROGRAM_ID, "Kairos program id.")
    commitment: Commitment = setting("confirmed", "Commitment for reads and confirmations.")
    rpc_tier: RpcTier = setting(
        "free", "RPC plan preset for rpc_rps/rpc_burst: localnet, free, paid, dedicated."
    )
    rpc_rps: float = setting(0.0, "RPC requests per second (derived from rpc_tier).", ge=0)
    rpc_burst: int = setting(0, "RPC burst size, tokens (derived from rpc_tier).", ge=0)
    rpc_timeout: float = setting(10.0, "Seconds before one RPC request times out.", gt=0)
    rpc_max_retries: int = setting(5, "Retries of a failed RPC request.", ge=0, le=100)
    rpc_max_connections: int = setting(32, "HTTP connections to the RPC at most.", ge=1)
    retry_base_delay: float = setting(0.1, "First retry's backoff ceiling, seconds.", ge=0)
    retry_max_delay: float = setting(5.0, "Largest retry backoff, seconds.", ge=0)
    priority_fee: int = setting(
        0, "Priority fee, micro-lamports per compute unit.", ge=0, le=MAX_PRIORITY_FEE
    )
    cu_margin: float = setting(1.2, "Compute-unit limit = simulated units × this + cu_add.", ge=1)
    cu_add: int = setting(1000, "Compute units added to the scaled simulation.", ge=0)
    cu_max: int = setting(MAX_COMPUTE_UNITS, "Compute-unit limit cap.", gt=0, le=MAX_COMPUTE_UNITS)
    skip_preflight: bool = setting(True, "Send without the RPC's preflight (we simulate first).")
    confirm_timeout: float = setting(60.0, "Seconds to wait for a transaction to land.", gt=0)
    rebroadcast_interval: float = setting(2.0, "Seconds between rebroadcasts.", gt=0)
    confirm_poll_interval: float = setting(0.5, "Seconds between status polls.", gt=0)
    metrics_enabled: bool = setting(True, "Serve /metrics and /health.")
    metrics_host: str = setting("127.0.0.1", "Address of the metrics server.")
    metrics_port: int = setting(9464, "Port of the metrics server (0: any free).", ge=0, le=65535)
    health_max_age: float = setting(
        0.0, "Unhealthy when the last loop ended longer ago, seconds (derived).", ge=0
    )
    shard_index: int = setting(0, "This instance's shard (0-based).", ge=0)
    shard_count: int = setting(1, "Number of instances sharing the accounts.", ge=1)
    poll_interval: float = setting(1.0, "Seconds between loop iterations and polls.", gt=0)
    ws_reconnect_max_delay: float = setting(
        10.0, "Largest backoff between websocket reconnects, seconds.", gt=0
    )
    shutdown_grace: float = setting(
        15.0, "Seconds an in-flight action may finish after SIGTERM.", ge=0
    )
    log_level: LogLevel = setting("info", "debug, info, warning or error.")
    log_format: LogFormat = setting("json", "json (one object per line) or text.")
    sources: Mapping[str, str] = dataclasses.field(default_factory=dict, compare=False, repr=False)
    """Where each setting came from ("default", "file x.toml", "env ...", "flag ...")."""

    def __post_init__(self) -> None:
        sources = dict(self.sources)
        for f in settings_fields(type(self)):
            # Values passed to the constructor directly (not through load_config).
            if f.name not in sources and getattr(self, f.name) != f.default:
                sources[f.name] = "argument"
        derived: dict[str, Any] = {}
        if not self.ws_url:
            derived["ws_url"] = derive_ws_url(self.rpc_url)
            sources.setdefault("ws_url", "derived from rpc_url")
        tier_rps, tier_burst = RPC_TIERS.get(self.rpc_tier, RPC_TIERS["free"])
        if not self.rpc_rps:
            derived["rpc_rps"] = tier_rps
            sources["rpc_rps"] = f"rpc_tier {self.rpc_tier}"
        if not self.rpc_burst:
            derived["rpc_burst"] = tier_burst
            sources["rpc_burst"] = f"rpc_tier {self.rpc_tier}"
        if not self.health_max_age:
            derived["health_max_age"] = max(30.0, 3 * self.poll_interval + 10.0)
            sources["health_max_age"] = "derived from poll_interval"
        for name, value in derived.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "sources", types.MappingProxyType(sources))
        problems = check_fields(self, self.sources)
        problems += _cross_checks(self, self.sources)
        if problems:
            raise ConfigError(problems)

    @property
    def keypair_path(self) -> Path:
        """The keypair path with ``~`` expanded."""
        return self.keypair.expanduser()

    def source_of(self, name: str) -> str:
        """Where setting ``name`` came from."""
        return self.sources.get(name, "default")

    def as_dict(self) -> dict[str, Any]:
        """Settings as plain values (for printing)."""
        return {
            f.name: _to_plain(getattr(self, f.name))
            for f in dataclasses.fields(self)
            if f.name != "sources"
        }


def _to_plain(value: Any) -> Any:
    if isinstance(value, Path | Pubkey):
        return str(value)
    if isinstance(value, tuple | list | frozenset | set):
        return [_to_plain(v) for v in value]
    return value


def _cross_checks(config: KeeperConfig, sources: Mapping[str, str]) -> list[str]:
    def where(name: str) -> str:
        return f"{name} = {getattr(config, name)!r} ({describe_source(sources.get(name))})"

    problems = []
    if config.shard_index >= config.shard_count:
        problems.append(f"{where('shard_index')}: must be less than {where('shard_count')}")
    if urlsplit(config.rpc_url).scheme not in ("http", "https"):
        problems.append(f"{where('rpc_url')}: must be an http:// or https:// URL")
    if urlsplit(config.ws_url).scheme not in ("ws", "wss"):
        problems.append(f"{where('ws_url')}: must be a ws:// or wss:// URL")
    if config.retry_max_delay < config.retry_base_delay:
        problems.append(f"{where('retry_max_delay')}: must be at least {where('retry_base_delay')}")
    return problems


def describe_source(source: str | None) -> str:
    """A source tag as people read it."""
    if source is None or source == "default":
        return "default"
    kind, _, detail = source.partition(" ")
    return {
        "env": f"environment variable {detail}",
        "flag": f"flag {detail}",
        "file": f"config file {detail}",
    }.get(kind, source)


# --- coercion -------------------------------------------------------------------------

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def coerce(value: Any, tp: Any) -> Any:
    """Turn a TOML value or a string (env, flag) into type ``tp``; ValueError if not."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if type(None) in args and (value is None or value in ("", "none", "null")):
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return coerce(value, arg)
            except ValueError as exc:
                errors.append(str(exc))
        raise ValueError("; ".join(errors))
    if origin is Literal:
        text = value if isinstance(value, str) else None
        if text not in args:
            raise ValueError(f"must be one of {', '.join(map(str, args))}")
        return text
    if origin in (list, tuple, frozenset, set):
        items = value
        if isinstance(value, str):
            stripped = value.strip()
            if stripped.startswith("["):
                try:
                    items = json.loads(stripped)
                except ValueError as exc:
                    raise ValueError(f"not a JSON list: {exc}") from None
            else:
                items = [p.strip() for p in stripped.split(",") if p.strip()]
        if not isinstance(items, list | tuple):
            raise ValueError("must be a list")
        item_type = args[0] if args else str
        converted = [coerce(item, item_type) for item in items]
        return {list: list, tuple: tuple, frozenset: frozenset, set: set}[origin](converted)
    if tp is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError("must be true or false")
    if tp is int:
        if isinstance(value, bool):
            raise ValueError("must be an integer")
        if isinstance(value, int):
            return value
        if isinstance(value, str):
            try:
                return int(value.strip().replace("_", ""))
            except ValueError:
                pass
        raise ValueError("must be an integer")
    if tp is float:
        if isinstance(value, bool):
            raise ValueError("must be a number")
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip())
            except ValueError:
                pass
        raise ValueError("must be a number")
    if tp is str:
        if isinstance(value, str):
            return value
        raise ValueError("must be a string")
    if tp is Path:
        if isinstance(value, str) and value:
            return Path(value)
        if isinstance(value, Path):
            return value
        raise ValueError("must be a file path")
    if tp is Pubkey:
        if isinstance(value, Pubkey):
            return value
        if isinstance(value, str):
            try:
                return Pubkey.from_string(value.strip())
            except ValueError:
                pass
        raise ValueError("must be a base58 public key")
    if isinstance(tp, type) and isinstance(value, tp):
        return value
    raise ValueError(f"unsupported setting type {tp!r}")


def settings_fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The user-settable fields of a config dataclass (``sources`` excluded)."""
    return [f for f in dataclasses.fields(cls) if f.name != "sources" and f.init]


def check_fields(obj: Any, sources: Mapping[str, str]) -> list[str]:
    """Bound and choice problems of a config dataclass instance, each naming its source."""
    problems = []
    hints = typing.get_type_hints(type(obj))
    for f in settings_fields(type(obj)):
        value = getattr(obj, f.name)
        where = f"{f.name} = {value!r} ({describe_source(sources.get(f.name))})"
        choices = (
            typing.get_args(hints[f.name]) if typing.get_origin(hints[f.name]) is Literal else ()
        )
        if choices and value not in choices:
            problems.append(f"{where}: must be one of {', '.join(map(str, choices))}")
        if not isinstance(value, int | float) or isinstance(value, bool):
            continue
        gt, ge, le = f.metadata.get("gt"), f.metadata.get("ge"), f.metadata.get("le")
        if gt is not None and not value > gt:
            problems.append(f"{where}: must be > {gt:g}")
        if ge is not None and not value >= ge:
            problems.append(f"{where}: must be >= {ge:g}")
        if le is not None and not value <= le:
            problems.append(f"{where}: must be <= {le:g}")
    return problems


def env_name(field: str, keeper: str | None = None) -> str:
    """The environment variable of a setting (keeper-specific with ``keeper``)."""
    if keeper is None:
        return ENV_PREFIX + field.upper()
    return f"{ENV_PREFIX}{keeper.upper().replace('-', '_')}__{field.upper()}"


def flag_name(field: str) -> str:
    """The command-line flag of a common setting."""
    return "--" + field.replace("_", "-")


# --- loading ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class LoadedConfig:
    """The common settings and the running keeper's own validated settings."""

    config: KeeperConfig
    settings: Any
    settings_sources: Mapping[str, str]
    config_path: Path | None


@dataclasses.dataclass(frozen=True)
class NoSettings:
    """A keeper without settings of its own."""


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's table; ConfigError naming the file if unreadable or malformed."""
    file = path.expanduser()
    try:
        return tomllib.loads(file.read_text())
    except FileNotFoundError:
        raise ConfigError([f"config file {file} not found"]) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError([f"config file {file}: {exc}"]) from None


Tag = Callable[[str], str]
"""The source tag of a key within one layer (e.g. ``"env KAIROS_KEEPER_RPC_URL"``)."""


def _layer(
    cls: type,
    layers: Sequence[tuple[Tag, Mapping[str, Any]]],
    problems: list[str],
) -> tuple[dict[str, Any], dict[str, str]]:
    """Merge (tag, values) layers, lowest first, coercing each value by its field type."""
    hints = typing.get_type_hints(cls)
    known = {f.name for f in settings_fields(cls)}
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for tag, layer in layers:
        for key, raw in layer.items():
            source = tag(key)
            if key not in known:
                problems.append(f"unknown setting {key!r} ({describe_source(source)})")
                continue
            try:
                values[key] = coerce(raw, hints[key])
            except ValueError as exc:
                problems.append(f"{key} = {raw!r} ({describe_source(source)}): {exc}")
                continue
            sources[key] = source
    return values, sources


def load_config(
    keeper: str | None = None,
    settings_type: type[T] | type[NoSettings] = NoSettings,
    *,
    config_path: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    flags: Mapping[str, Any] | None = None,
    keeper_flags: Mapping[str, Any] | None = None,
) -> LoadedConfig:
    """Resolve the settings: file < environment < flags (see the module doc).

    ``flags`` maps common field names to flag values (None = not given);
    ``keeper_flags`` maps the keeper's field names to ``--set`` values.
    """
    environ = os.environ if env is None else env
    problems: list[str] = []
    path_text = config_path if config_path is not None else environ.get(ENV_CONFIG) or None
    path = Path(path_text).expanduser() if path_text else None
    file: dict[str, Any] = read_toml(path) if path is not None else {}

    file_common = {k: v for k, v in file.items() if k != KEEPERS_TABLE}
    sections = file.get(KEEPERS_TABLE, {})
    if not isinstance(sections, dict) or not all(isinstance(v, dict) for v in sections.values()):
        problems.append(f"config file {path}: [{KEEPERS_TABLE}] must hold one table per keeper")
        sections = {}

    env_common: dict[str, str] = {}
    env_keeper: dict[str, str] = {}
    keeper_env_prefix = env_name("", keeper) if keeper else None
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or name == ENV_CONFIG:
            continue
        rest = name[len(ENV_PREFIX) :]
        if "__" in rest:  # keeper-specific: KAIROS_KEEPER_<KEEPER>__<FIELD>
            if keeper_env_prefix and name.startswith(keeper_env_prefix):
                env_keeper[name[len(keeper_env_prefix) :].lower()] = value
            continue  # another keeper's setting: not ours to judge
        env_common[rest.lower()] = value

    given_flags = {k: v for k, v in (flags or {}).items() if v is not None}
    # The port this keeper gets unless one is set (kept lowest: any layer overrides it).
    allocated = {"metrics_port": METRICS_PORTS.get(keeper, 0)} if keeper is not None else {}
    # KAIROS_RPC_URL (what the CLI uses) beats the file, KAIROS_KEEPER_RPC_URL beats it.
    shared_env = {"rpc_url": environ[ENV_SHARED_RPC_URL]} if environ.get(ENV_SHARED_RPC_URL) else {}
    values, sources = _layer(
        KeeperConfig,
        [
            (lambda key: f"allocated to keeper {keeper}", allocated),
            (lambda key: f"file {path}", file_common),
            (lambda key: f"env {ENV_SHARED_RPC_URL}", shared_env),
            (lambda key: f"env {env_name(key)}", env_common),
            (lambda key: f"flag {flag_name(key)}", given_flags),
        ],
        problems,
    )

    settings: Any = NoSettings()
    settings_sources: dict[str, str] = {}
    if keeper is not None:
        section = sections.get(keeper, {})
        name = keeper
        s_values, settings_sources = _layer(
            settings_type,
            [
                (lambda key: f"file {path} [{KEEPERS_TABLE}.{name}]", section),
                (lambda key: f"env {env_name(key, name)}", env_keeper),
                (lambda key: f"flag --set {key}", dict(keeper_flags or {})),
            ],
            problems,
        )
        try:
            settings = settings_type(**s_values)
        except ConfigError as exc:
            problems += exc.problems
        except (TypeError, ValueError) as exc:
            problems.append(f"[{KEEPERS_TABLE}.{keeper}]: {exc}")
        else:
            problems += check_fields(settings, settings_sources)
    elif keeper_flags:
        problems.append("--set needs a keeper")

    config: KeeperConfig | None = None
    if not problems:
        try:
            config = KeeperConfig(**values, sources=sources)
        except ConfigError as exc:
            problems += exc.problems
    else:
        # Still report cross-field problems of what did parse.
        try:
            KeeperConfig(**values, sources=sources)
        except ConfigError as exc:
            problems += [p for p in exc.problems if p not in problems]
    if problems or config is None:
        raise ConfigError(problems)
    return LoadedConfig(config, settings, settings_sources, path)


def parse_assignments(items: Sequence[str]) -> dict[str, str]:
    """``["a=1", "b=x"]`` from ``--set`` flags as a mapping; ConfigError if malformed."""
    result: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError([f"--set {item!r}: expected field=value"])
        result[key.strip()] = value
    return result


def describe_fields(cls: type, keeper: str | None = None) -> list[tuple[str, str, str, str]]:
    """(field, default, env variable, help) for every setting of a config dataclass."""
    rows = []
    for f in settings_fields(cls):
        default = f.default if f.default is not dataclasses.MISSING else None
        if f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        rows.append(
            (f.name, str(_to_plain(default)), env_name(f.name, keeper), f.metadata.get("help", ""))
        )
    return rows
