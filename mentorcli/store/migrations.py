"""The schema, as numbered steps applied by sqlite-utils' ``Migrations``.

Never edit a step that has shipped: add a new one. Steps are plain SQL because the
constraints (CHECK, partial unique indexes, triggers) are the point, and sqlite-utils'
``create()`` cannot express CHECK constraints. Each step runs inside the transaction that
``db.open_db`` holds, so a failed upgrade leaves the file as it was.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("mentorcli")


def known_names() -> list[str]:
    """The schema steps this mentorcli knows, in order.

    sqlite-utils keeps its registered steps in a private list; this is the one place
    that reads it, to tell a database written by a newer mentorcli.
    """
    return [m.name for m in migrations._migrations]


_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"


def _run(db: Database, *statements: str) -> None:
    # Not executescript(): it would COMMIT the surrounding transaction first.
    for statement in statements:
        db.execute(statement)


@migrations()
def m001_people(db: Database) -> None:
    # Mentors and mentees share one table, so an id always names exactly one person and
    # a former mentee can later enrol as a mentor under a new id of the same sequence.
    _run(
        db,
        f"""
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('mentor', 'mentee')),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            email TEXT,
            phone TEXT,
            city TEXT NOT NULL CHECK (length(trim(city)) > 0),
            languages TEXT NOT NULL CHECK (length(languages) >= 2),
            sector TEXT NOT NULL CHECK (length(trim(sector)) > 0),
            occupation TEXT,
            education TEXT
                CHECK (education IN ('primary', 'secondary', 'bachelor', 'master', 'doctorate')),
            birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2100),
            gender TEXT CHECK (gender IN ('f', 'm', 'x')),
            hours_per_week REAL CHECK (hours_per_week >= 0 AND hours_per_week <= 60),
            enrolled_on TEXT NOT NULL CHECK (date(enrolled_on) IS enrolled_on),
            notes TEXT,
            capacity INTEGER CHECK (capacity BETWEEN 0 AND 50),
            organisation TEXT,
            origin_country TEXT CHECK (length(origin_country) = 2),
            diploma_recognised INTEGER CHECK (diploma_recognised IN (0, 1)),
            referral TEXT,
            prefers_gender TEXT CHECK (prefers_gender IN ('f', 'm', 'x')),
            prefers_similar_background INTEGER NOT NULL DEFAULT 0
                CHECK (prefers_similar_background IN (0, 1)),
            consent_on TEXT CHECK (consent_on IS NULL OR date(consent_on) IS consent_on),
            withdrawn_on TEXT CHECK (withdrawn_on IS NULL OR date(withdrawn_on) IS withdrawn_on),
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW},
            -- a mentor always has a capacity; mentee-only facts stay empty for mentors
            CHECK (role = 'mentee' OR capacity IS NOT NULL),
            CHECK (role = 'mentor' OR (capacity IS NULL AND organisation IS NULL)),
            CHECK (role = 'mentee' OR (origin_country IS NULL AND diploma_recognised IS NULL
                   AND referral IS NULL AND prefers_gender IS NULL
                   AND prefers_similar_background = 0))
        )
        """,
        "CREATE INDEX people_role_city ON people (role, city)",
    )


@migrations()
def m002_trajectories(db: Database) -> None:
    # A trajectory is one duo. Closing fields are all-or-nothing (the CHECK below), and a
    # mentee has at most one active trajectory (the partial unique index).
    _run(
        db,
        f"""
        CREATE TABLE trajectories (
            id INTEGER PRIMARY KEY,
            mentee_id INTEGER NOT NULL REFERENCES people (id),
            mentor_id INTEGER NOT NULL REFERENCES people (id),
            started_on TEXT NOT NULL CHECK (date(started_on) IS started_on),
            planned_end TEXT NOT NULL CHECK (date(planned_end) IS planned_end),
            score REAL,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
            closed_on TEXT CHECK (closed_on IS NULL OR date(closed_on) IS closed_on),
            outcome TEXT CHECK (outcome IN ('job', 'training', 'internship', 'none')),
            contract TEXT
                CHECK (contract IN ('permanent', 'fixed-term', 'interim', 'self-employed')),
            close_reason TEXT CHECK (close_reason IN ('completed', 'job-found',
                'mentee-withdrew', 'mentor-withdrew', 'lost-contact', 'moved', 'mismatch',
                'health', 'other')),
            mentor_leaves INTEGER NOT NULL DEFAULT 0 CHECK (mentor_leaves IN (0, 1)),
            close_note TEXT,
            created_at TEXT NOT NULL DEFAULT {_NOW},
            CHECK (mentee_id <> mentor_id),
            CHECK (planned_end > started_on),
            CHECK (closed_on IS NULL OR closed_on >= started_on),
            CHECK ((status = 'active' AND closed_on IS NULL AND outcome IS NULL
                    AND close_reason IS NULL)
                OR (status = 'closed' AND closed_on IS NOT NULL AND outcome IS NOT NULL
                    AND close_reason IS NOT NULL)),
            CHECK (contract IS NULL OR outcome = 'job')
        )
        """,
        "CREATE UNIQUE INDEX trajectories_one_active_per_mentee "
        "ON trajectories (mentee_id) WHERE status = 'active'",
        "CREATE INDEX trajectories_mentor ON trajectories (mentor_id, status)",
        "CREATE INDEX trajectories_started ON trajectories (started_on)",
        # Foreign keys cannot say "a person whose role is mentee": a trigger does.
        """
        CREATE TRIGGER trajectories_roles BEFORE INSERT ON trajectories
        WHEN (SELECT role FROM people WHERE id = NEW.mentee_id) IS NOT 'mentee'
          OR (SELECT role FROM people WHERE id = NEW.mentor_id) IS NOT 'mentor'
        BEGIN
            SELECT RAISE(ABORT, 'a trajectory pairs a mentee with a mentor');
        END
        """,
    )


@migrations()
def m003_sessions(db: Database) -> None:
    _run(
        db,
        f"""
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            trajectory_id INTEGER NOT NULL REFERENCES trajectories (id),
            held_on TEXT NOT NULL CHECK (date(held_on) IS held_on),
            minutes INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 720),
            topics TEXT NOT NULL DEFAULT '',
            note TEXT,
            created_at TEXT NOT NULL DEFAULT {_NOW}
        )
        """,
        "CREATE INDEX sessions_trajectory ON sessions (trajectory_id, held_on)",
        "CREATE INDEX sessions_held_on ON sessions (held_on)",
    )


@migrations()
def m004_followups(db: Database) -> None:
    # The mentee's situation some months after the start (12 by default); statistics
    # prefer it to the outcome recorded at closing.
    _run(
        db,
        f"""
        CREATE TABLE followups (
            trajectory_id INTEGER PRIMARY KEY REFERENCES trajectories (id),
            recorded_on TEXT NOT NULL CHECK (date(recorded_on) IS recorded_on),
            outcome TEXT NOT NULL CHECK (outcome IN ('job', 'training', 'internship', 'none')),
            contract TEXT
                CHECK (contract IN ('permanent', 'fixed-term', 'interim', 'self-employed')),
            created_at TEXT NOT NULL DEFAULT {_NOW},
            CHECK (contract IS NULL OR outcome = 'job')
        )
        """,
    )


@migrations()
def m005_forbidden_pairs(db: Database) -> None:
    # `match --forbid` is remembered so a rejected pair is never proposed again.
    _run(
        db,
        f"""
        CREATE TABLE forbidden_pairs (
            mentee_id INTEGER NOT NULL REFERENCES people (id),
            mentor_id INTEGER NOT NULL REFERENCES people (id),
            created_at TEXT NOT NULL DEFAULT {_NOW},
            PRIMARY KEY (mentee_id, mentor_id)
        )
        """,
    )


@migrations()
def m006_settings(db: Database) -> None:
    _run(db, "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations()
def m007_events(db: Database) -> None:
    # Append-only audit log: who did what to which person or trajectory, and when. It
    # holds ids and field names, never note text, contact data or origin.
    _run(
        db,
        f"""
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL DEFAULT {_NOW},
            actor TEXT NOT NULL,
            action TEXT NOT NULL CHECK (length(action) > 0),
            person_id INTEGER,
            trajectory_id INTEGER,
            details TEXT
        )
        """,
        "CREATE INDEX events_person ON events (person_id)",
        """
        CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END
        """,
        """
        CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END
        """,
    )


@migrations()
def m008_status_views(db: Database) -> None:
    # A person's status is derived, never stored, so it cannot drift from the trajectories.
    _run(
        db,
        """
        CREATE VIEW people_status AS
        SELECT p.*,
            (SELECT count(*) FROM trajectories t
              WHERE t.status = 'active' AND (t.mentor_id = p.id OR t.mentee_id = p.id))
              AS active_trajectories,
            CASE
              WHEN p.role = 'mentee' THEN
                CASE
                  WHEN p.withdrawn_on IS NOT NULL THEN 'withdrawn'
                  WHEN EXISTS (SELECT 1 FROM trajectories t
                               WHERE t.mentee_id = p.id AND t.status = 'active') THEN 'matched'
                  WHEN EXISTS (SELECT 1 FROM trajectories t WHERE t.mentee_id = p.id)
                    THEN 'done'
                  ELSE 'waiting'
                END
              ELSE
                CASE
                  WHEN p.withdrawn_on IS NOT NULL THEN 'inactive'
                  WHEN (SELECT count(*) FROM trajectories t
                        WHERE t.mentor_id = p.id AND t.status = 'active') >= p.capacity
                    THEN 'full'
                  ELSE 'available'
                END
            END AS status
        FROM people p
        """,
    )


@migrations()
def m009_mentor_knows_recognition(db: Database) -> None:
    # Matching for a "similar background": a mentee whose diploma is not recognised is
    # best helped by a mentor who went through (or knows) the recognition route.
    _run(
        db,
        "ALTER TABLE people ADD COLUMN knows_diploma_recognition INTEGER "
        "CHECK (knows_diploma_recognition IN (0, 1))",
        # The view lists p.*: recreate it so it shows the new column.
        "DROP VIEW people_status",
    )
    m008_status_views(db)


@migrations()
def m010_reporting_views(db: Database) -> None:
    # For Datasette or `sqlite-utils query`: one row per trajectory with its duo, city,
    # sessions and hours; and sessions and hours per month and city. No notes, no contacts.
    _run(
        db,
        """
        CREATE VIEW trajectory_overview AS
        SELECT t.id AS trajectory_id, t.status, mentee.city, t.mentee_id,
               mentee.name AS mentee_name, t.mentor_id, mentor.name AS mentor_name,
               t.started_on, t.planned_end, t.closed_on, t.close_reason, t.outcome,
               t.contract, t.score,
               (SELECT count(*) FROM sessions s WHERE s.trajectory_id = t.id) AS sessions,
               (SELECT round(coalesce(sum(s.minutes), 0) / 60.0, 2) FROM sessions s
                 WHERE s.trajectory_id = t.id) AS hours,
               (SELECT max(s.held_on) FROM sessions s WHERE s.trajectory_id = t.id)
                 AS last_session,
               f.recorded_on AS followup_on, f.outcome AS followup_outcome
        FROM trajectories t
        JOIN people mentee ON mentee.id = t.mentee_id
        JOIN people mentor ON mentor.id = t.mentor_id
        LEFT JOIN followups f ON f.trajectory_id = t.id
        """,
        """
        CREATE VIEW sessions_per_month AS
        SELECT substr(s.held_on, 1, 7) AS month, mentee.city, count(*) AS sessions,
               round(sum(s.minutes) / 60.0, 2) AS hours,
               count(DISTINCT s.trajectory_id) AS trajectories
        FROM sessions s
        JOIN trajectories t ON t.id = s.trajectory_id
        JOIN people mentee ON mentee.id = t.mentee_id
        GROUP BY 1, 2
        ORDER BY 1, 2
        """,
    )


@migrations()
def m011_erasure(db: Database) -> None:
    # The right to erasure (`forget`): a person's identifying data goes, the anonymous
    # facts of the yearly statistics stay. The origin country is replaced by its region
    # (EU or world region) so the reach figures do not change.
    _run(
        db,
        "ALTER TABLE people ADD COLUMN origin_region TEXT",
        "ALTER TABLE people ADD COLUMN erased_on TEXT "
        "CHECK (erased_on IS NULL OR date(erased_on) IS erased_on)",
        "DROP VIEW people_status",
    )
    m008_status_views(db)


@migrations()
def m012_faster_status(db: Database) -> None:
    # The first people_status ran correlated subqueries per person (with an OR over both
    # roles that no index serves): 0.3 s for 4,000 people. Aggregating the trajectories
    # once and joining is the same result in a few milliseconds.
    _run(
        db,
        "CREATE INDEX IF NOT EXISTS trajectories_mentee ON trajectories (mentee_id)",
        "DROP VIEW people_status",
        """
        CREATE VIEW people_status AS
        SELECT p.*,
            coalesce(a.n, 0) AS active_trajectories,
            CASE
              WHEN p.role = 'mentee' THEN
                CASE
                  WHEN p.withdrawn_on IS NOT NULL THEN 'withdrawn'
                  WHEN coalesce(a.n, 0) > 0 THEN 'matched'
                  WHEN e.pid IS NOT NULL THEN 'done'
                  ELSE 'waiting'
                END
              ELSE
                CASE
                  WHEN p.withdrawn_on IS NOT NULL THEN 'inactive'
                  WHEN coalesce(a.n, 0) >= p.capacity THEN 'full'
                  ELSE 'available'
                END
            END AS status
        FROM people p
        LEFT JOIN (
            SELECT pid, sum(n) AS n FROM (
                SELECT mentor_id AS pid, count(*) AS n FROM trajectories
                WHERE status = 'active' GROUP BY mentor_id
                UNION ALL
                SELECT mentee_id AS pid, count(*) AS n FROM trajectories
                WHERE status = 'active' GROUP BY mentee_id
            ) GROUP BY pid
        ) a ON a.pid = p.id
        LEFT JOIN (SELECT DISTINCT mentee_id AS pid FROM trajectories) e ON e.pid = p.id
        """,
    )


_TRAJECTORY_COLUMNS = (
    "id, mentee_id, mentor_id, started_on, planned_end, score, status, closed_on, outcome, "
    "contract, close_reason, mentor_leaves, close_note, created_at"
)


@migrations()
def m013_erasure_register(db: Database) -> None:
    # Erasure made complete (issue 11).
    # 1. The erasure register: which person was erased when, never a name, so that
    #    `restore` can erase them again in an older backup. A person is their id plus
    #    the moment their row was created: after restoring a backup older than an
    #    enrolment the same id may be given to someone else, who must not be erased.
    #    `scrubbed` stays 0 until the erased bytes are gone from the file and its WAL.
    # 2. `forget` ends an erased person's active trajectory with close_reason 'erased'.
    #    SQLite cannot alter a CHECK, so trajectories is rebuilt: copied aside, dropped,
    #    created with the wider CHECK and filled again, in this one transaction.
    #    defer_foreign_keys lets sessions and follow-ups point nowhere for that moment;
    #    the commit fails if any still do. The DROP took the trigger and indexes along.
    # 3. An erased person's status is 'erased': never waiting, never available.
    _run(
        db,
        f"""
        CREATE TABLE erasures (
            person_id INTEGER NOT NULL,
            person_created_at TEXT NOT NULL,
            erased_on TEXT NOT NULL CHECK (date(erased_on) IS erased_on),
            scrubbed INTEGER NOT NULL DEFAULT 0 CHECK (scrubbed IN (0, 1)),
            recorded_at TEXT NOT NULL DEFAULT {_NOW},
            PRIMARY KEY (person_id, person_created_at)
        )
        """,
        "INSERT INTO erasures (person_id, person_created_at, erased_on, scrubbed) "
        "SELECT id, created_at, erased_on, 1 FROM people WHERE erased_on IS NOT NULL",
        "PRAGMA defer_foreign_keys = ON",
        "CREATE TABLE _m013_trajectories AS SELECT * FROM trajectories",
        "DROP TABLE trajectories",
        f"""
        CREATE TABLE trajectories (
            id INTEGER PRIMARY KEY,
            mentee_id INTEGER NOT NULL REFERENCES people (id),
            mentor_id INTEGER NOT NULL REFERENCES people (id),
            started_on TEXT NOT NULL CHECK (date(started_on) IS started_on),
            planned_end TEXT NOT NULL CHECK (date(planned_end) IS planned_end),
            score REAL,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
            closed_on TEXT CHECK (closed_on IS NULL OR date(closed_on) IS closed_on),
            outcome TEXT CHECK (outcome IN ('job', 'training', 'internship', 'none')),
            contract TEXT
                CHECK (contract IN ('permanent', 'fixed-term', 'interim', 'self-employed')),
            close_reason TEXT CHECK (close_reason IN ('completed', 'job-found',
                'mentee-withdrew', 'mentor-withdrew', 'lost-contact', 'moved', 'mismatch',
                'health', 'other', 'erased')),
            mentor_leaves INTEGER NOT NULL DEFAULT 0 CHECK (mentor_leaves IN (0, 1)),
            close_note TEXT,
            created_at TEXT NOT NULL DEFAULT {_NOW},
            CHECK (mentee_id <> mentor_id),
            CHECK (planned_end > started_on),
            CHECK (closed_on IS NULL OR closed_on >= started_on),
            CHECK ((status = 'active' AND closed_on IS NULL AND outcome IS NULL
                    AND close_reason IS NULL)
                OR (status = 'closed' AND closed_on IS NOT NULL AND outcome IS NOT NULL
                    AND close_reason IS NOT NULL)),
            CHECK (contract IS NULL OR outcome = 'job')
        )
        """,
        f"INSERT INTO trajectories ({_TRAJECTORY_COLUMNS}) "
        f"SELECT {_TRAJECTORY_COLUMNS} FROM _m013_trajectories",
        "DROP TABLE _m013_trajectories",
        "CREATE UNIQUE INDEX trajectories_one_active_per_mentee "
        "ON trajectories (mentee_id) WHERE status = 'active'",
        "CREATE INDEX trajectories_mentor ON trajectories (mentor_id, status)",
        "CREATE INDEX trajectories_started ON trajectories (started_on)",
        "CREATE INDEX trajectories_mentee ON trajectories (mentee_id)",
        """
        CREATE TRIGGER trajectories_roles BEFORE INSERT ON trajectories
        WHEN (SELECT role FROM people WHERE id = NEW.mentee_id) IS NOT 'mentee'
          OR (SELECT role FROM people WHERE id = NEW.mentor_id) IS NOT 'mentor'
        BEGIN
            SELECT RAISE(ABORT, 'a trajectory pairs a mentee with a mentor');
        END
        """,
        "DROP VIEW people_status",
        """
        CREATE VIEW people_status AS
        SELECT p.*,
            coalesce(a.n, 0) AS active_trajectories,
            CASE
              WHEN p.erased_on IS NOT NULL THEN 'erased'
              WHEN p.role = 'mentee' THEN
                CASE
                  WHEN p.withdrawn_on IS NOT NULL THEN 'withdrawn'
                  WHEN coalesce(a.n, 0) > 0 THEN 'matched'
                  WHEN e.pid IS NOT NULL THEN 'done'
                  ELSE 'waiting'
                END
              ELSE
                CASE
                  WHEN p.withdrawn_on IS NOT NULL THEN 'inactive'
                  WHEN coalesce(a.n, 0) >= p.capacity THEN 'full'
                  ELSE 'available'
                END
            END AS status
        FROM people p
        LEFT JOIN (
            SELECT pid, sum(n) AS n FROM (
                SELECT mentor_id AS pid, count(*) AS n FROM trajectories
                WHERE status = 'active' GROUP BY mentor_id
                UNION ALL
                SELECT mentee_id AS pid, count(*) AS n FROM trajectories
                WHERE status = 'active' GROUP BY mentee_id
            ) GROUP BY pid
        ) a ON a.pid = p.id
        LEFT JOIN (SELECT DISTINCT mentee_id AS pid FROM trajectories) e ON e.pid = p.id
        """,
    )


@migrations()
def m016_m49_regions(db: Database) -> None:
    # Origin regions in one scheme (issue 12): the UN M49 sub-region for every continent,
    # and EU membership as its own column. An erased person kept "EU" or the region of
    # their country; EU members are now counted in their sub-region too, and "Europe"
    # and "Oceania" are split. Their country is gone, so a stored "EU" becomes "Europe"
    # with origin_eu = 1, and "Europe" and "Oceania" stay as they are: the M49 region,
    # the sub-region not being known any more. Every other stored value is non-EU.
    _run(
        db,
        "ALTER TABLE people ADD COLUMN origin_eu INTEGER CHECK (origin_eu IN (0, 1))",
        "UPDATE people SET origin_eu = (origin_region = 'EU') WHERE origin_region IS NOT NULL",
        "UPDATE people SET origin_region = 'Europe' WHERE origin_region = 'EU'",
    )


@migrations()
def m019_check_ins(db: Database) -> None:
    # Issue 13: the coordinator's check-in with a duo, about once a month (MENTOR's
    # Elements of Effective Practice). `remind` lists duos whose last check-in is
    # concern or at-risk until a later one says good; `stats` counts them. The note is
    # personal data: `forget` clears it with the session notes. The events index serves
    # `trajectory ID`, which reads a duo's lines of the log.
    _run(
        db,
        f"""
        CREATE TABLE check_ins (
            id INTEGER PRIMARY KEY,
            trajectory_id INTEGER NOT NULL REFERENCES trajectories (id),
            held_on TEXT NOT NULL CHECK (date(held_on) IS held_on),
            status TEXT NOT NULL CHECK (status IN ('good', 'concern', 'at-risk')),
            with_whom TEXT NOT NULL DEFAULT 'both'
                CHECK (with_whom IN ('mentor', 'mentee', 'both')),
            note TEXT,
            created_at TEXT NOT NULL DEFAULT {_NOW}
        )
        """,
        "CREATE INDEX check_ins_trajectory ON check_ins (trajectory_id, held_on)",
        "CREATE INDEX check_ins_held_on ON check_ins (held_on)",
        "CREATE INDEX events_trajectory ON events (trajectory_id)",
    )


_OLD_EDUCATION_CHECK = (
    "CHECK (education IN ('primary', 'secondary', 'bachelor', 'master', 'doctorate'))"
)
_ISCED_CHECK = "CHECK (education IN ({}))".format(
    ", ".join(f"'isced{level}'" for level in range(9))
)


@migrations()
def m020_esf_people(db: Database) -> None:
    # What ESF+ asks about a participant at entry (issue 14).
    # 1. Education as ISCED 2011 levels. The five old values go to the nearest level:
    #    primary 1, bachelor 6, master 7, doctorate 8; "secondary" could be lower (2) or
    #    upper (3) secondary: it becomes 3 with education_unsure = 1 until the
    #    coordinator says which (`doctor` lists them). The CHECK on education cannot be
    #    altered, so people is rebuilt as trajectories was in m013: its own CREATE
    #    statement (whatever columns later steps added) with only that CHECK changed,
    #    copied aside, dropped, created, filled again; its indexes and triggers are
    #    created again from their stored SQL. Views name people and are read at use, so
    #    they stay. defer_foreign_keys lets trajectories point nowhere for that moment.
    # 2. Mentee-only facts, NULL when not recorded: labour status (and since when
    #    unemployed), nationality, and the special-category data (disability,
    #    homelessness), which CHECK refuses without their own consent date.
    #    nationality_eu is set by `forget` alone, like origin_eu: the nationality goes,
    #    whether the person was an EU citizen stays for the yearly figures.
    table_sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'people'").fetchone()[0]
    if table_sql.count(_OLD_EDUCATION_CHECK) != 1:
        raise RuntimeError("m020_esf_people: the people table is not as m001 made it")
    others = [
        r[0]
        for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'people' "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid"
        )
    ]
    names = [r[1] for r in db.execute("PRAGMA table_info(people)")]
    isced = (
        "CASE education WHEN 'primary' THEN 'isced1' WHEN 'secondary' THEN 'isced3' "
        "WHEN 'bachelor' THEN 'isced6' WHEN 'master' THEN 'isced7' "
        "WHEN 'doctorate' THEN 'isced8' END"
    )
    _run(
        db,
        "PRAGMA defer_foreign_keys = ON",
        "CREATE TABLE _m020_people AS SELECT * FROM people",
        "DROP TABLE people",
        table_sql.replace(_OLD_EDUCATION_CHECK, _ISCED_CHECK),
        f"INSERT INTO people ({', '.join(names)}) "
        f"SELECT {', '.join(isced if n == 'education' else n for n in names)} FROM _m020_people",
        "ALTER TABLE people ADD COLUMN education_unsure INTEGER NOT NULL DEFAULT 0 "
        "CHECK (education_unsure IN (0, 1))",
        "UPDATE people SET education_unsure = 1 WHERE id IN "
        "(SELECT id FROM _m020_people WHERE education = 'secondary')",
        "DROP TABLE _m020_people",
        *others,
        "ALTER TABLE people ADD COLUMN labour_status TEXT CHECK (labour_status IS NULL OR "
        "(labour_status IN ('employed', 'self-employed', 'unemployed', 'inactive', "
        "'in-education') AND role = 'mentee'))",
        "ALTER TABLE people ADD COLUMN unemployed_since TEXT CHECK (unemployed_since IS NULL OR "
        "(date(unemployed_since) IS unemployed_since AND labour_status IS 'unemployed'))",
        "ALTER TABLE people ADD COLUMN nationality TEXT CHECK (nationality IS NULL OR "
        "(length(nationality) = 2 AND role = 'mentee'))",
        "ALTER TABLE people ADD COLUMN nationality_eu INTEGER CHECK (nationality_eu IS NULL OR "
        "(nationality_eu IN (0, 1) AND role = 'mentee'))",
        "ALTER TABLE people ADD COLUMN special_consent_on TEXT CHECK (special_consent_on IS NULL "
        "OR (date(special_consent_on) IS special_consent_on AND role = 'mentee'))",
        "ALTER TABLE people ADD COLUMN disability TEXT CHECK (disability IS NULL OR "
        "(disability IN ('yes', 'no', 'not-said') AND special_consent_on IS NOT NULL))",
        "ALTER TABLE people ADD COLUMN homeless TEXT CHECK (homeless IS NULL OR "
        "(homeless IN ('yes', 'no', 'not-said') AND special_consent_on IS NOT NULL))",
    )


@migrations()
def m018_duo_life(db: Database) -> None:
    # A duo's whole life (issue 13).
    # 1. A mentee whose duo ended early goes back on the waiting list: people.requeued_on
    #    is that day (cleared when they are matched again), trajectories.waiting_since the
    #    day the mentee went on the list for that duo (the enrolment for a first duo, the
    #    requeue for a later one: the waiting time of stats counts from it), and
    #    trajectories.requeued marks a duo that was followed by a requeue (its result is
    #    the next duo's, so the outcome rates leave it out). Old duos were all first ones.
    # 2. A follow-up may record that the mentee could not be reached ('unreachable'):
    #    followups is rebuilt for the wider CHECK, as m013 rebuilt trajectories.
    # 3. people_status: a requeued mentee without an active duo is 'waiting', not 'done'
    #    (the same joins as m012/m013, one more column read: as fast).
    _run(
        db,
        "ALTER TABLE people ADD COLUMN requeued_on TEXT "
        "CHECK (requeued_on IS NULL OR date(requeued_on) IS requeued_on)",
        "ALTER TABLE trajectories ADD COLUMN waiting_since TEXT "
        "CHECK (waiting_since IS NULL OR date(waiting_since) IS waiting_since)",
        "ALTER TABLE trajectories ADD COLUMN requeued INTEGER NOT NULL DEFAULT 0 "
        "CHECK (requeued IN (0, 1))",
        "UPDATE trajectories SET waiting_since = "
        "(SELECT enrolled_on FROM people WHERE people.id = trajectories.mentee_id)",
        "CREATE TABLE _m018_followups AS SELECT * FROM followups",
        "DROP TABLE followups",
        f"""
        CREATE TABLE followups (
            trajectory_id INTEGER PRIMARY KEY REFERENCES trajectories (id),
            recorded_on TEXT NOT NULL CHECK (date(recorded_on) IS recorded_on),
            outcome TEXT NOT NULL CHECK (outcome IN ('job', 'training', 'internship', 'none',
                'unreachable')),
            contract TEXT
                CHECK (contract IN ('permanent', 'fixed-term', 'interim', 'self-employed')),
            created_at TEXT NOT NULL DEFAULT {_NOW},
            CHECK (contract IS NULL OR outcome = 'job')
        )
        """,
        "INSERT INTO followups (trajectory_id, recorded_on, outcome, contract, created_at) "
        "SELECT trajectory_id, recorded_on, outcome, contract, created_at FROM _m018_followups",
        "DROP TABLE _m018_followups",
        "DROP VIEW people_status",
        """
        CREATE VIEW people_status AS
        SELECT p.*,
            coalesce(a.n, 0) AS active_trajectories,
            CASE
              WHEN p.erased_on IS NOT NULL THEN 'erased'
              WHEN p.role = 'mentee' THEN
                CASE
                  WHEN p.withdrawn_on IS NOT NULL THEN 'withdrawn'
                  WHEN coalesce(a.n, 0) > 0 THEN 'matched'
                  WHEN e.pid IS NOT NULL AND p.requeued_on IS NULL THEN 'done'
                  ELSE 'waiting'
                END
              ELSE
                CASE
                  WHEN p.withdrawn_on IS NOT NULL THEN 'inactive'
                  WHEN coalesce(a.n, 0) >= p.capacity THEN 'full'
                  ELSE 'available'
                END
            END AS status
        FROM people p
        LEFT JOIN (
            SELECT pid, sum(n) AS n FROM (
                SELECT mentor_id AS pid, count(*) AS n FROM trajectories
                WHERE status = 'active' GROUP BY mentor_id
                UNION ALL
                SELECT mentee_id AS pid, count(*) AS n FROM trajectories
                WHERE status = 'active' GROUP BY mentee_id
            ) GROUP BY pid
        ) a ON a.pid = p.id
        LEFT JOIN (SELECT DISTINCT mentee_id AS pid FROM trajectories) e ON e.pid = p.id
        """,
    )


@migrations()
def m021_esf_results(db: Database) -> None:
    # What ESF+ asks about a participant's results (issue 14).
    # 1. At the close: the length of a fixed-term or interim contract in months (a stable
    #    job is one of at least `stable_job.min_months`), whether the mentee left job
    #    searching, and whether they gained a qualification. Old closes did not record
    #    them: no length, 0 and 0.
    # 2. At the follow-up: the mentee's situation then and the contract's length. The
    #    situation follows from the outcome, except after "none" (job searching or
    #    inactive?): old follow-ups get it where it follows, NULL after "none".
    timed = "coalesce(contract IN ('fixed-term', 'interim'), 0)"
    months = f"contract_months BETWEEN 1 AND 120 AND {timed}"
    _run(
        db,
        f"ALTER TABLE trajectories ADD COLUMN contract_months INTEGER "
        f"CHECK (contract_months IS NULL OR ({months}))",
        "ALTER TABLE trajectories ADD COLUMN job_searching INTEGER NOT NULL DEFAULT 0 "
        "CHECK (job_searching IN (0, 1))",
        "ALTER TABLE trajectories ADD COLUMN qualification INTEGER NOT NULL DEFAULT 0 "
        "CHECK (qualification IN (0, 1))",
        "ALTER TABLE followups ADD COLUMN situation TEXT CHECK (situation IS NULL OR situation "
        "IN ('employed', 'self-employed', 'education', 'job-searching', 'inactive', "
        "'unreachable'))",
        f"ALTER TABLE followups ADD COLUMN contract_months INTEGER "
        f"CHECK (contract_months IS NULL OR ({months}))",
        """
        UPDATE followups SET situation = CASE
            WHEN outcome = 'job' AND contract = 'self-employed' THEN 'self-employed'
            WHEN outcome = 'job' THEN 'employed'
            WHEN outcome IN ('training', 'internship') THEN 'education'
            WHEN outcome = 'unreachable' THEN 'unreachable'
        END
        """,
    )
