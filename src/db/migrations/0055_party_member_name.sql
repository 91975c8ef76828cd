-- The member list searched by a name prefix (a common surname: 王…) read the person of every member it walked for the
-- name: 613 persons for the 51 hits of a first page in 北票市 at scale 1, 2.5–4.2 ms of CPU a request against 1.5 for
-- the list itself. A member row now carries its person's name, and the current members' index carries it too, so
-- the walk reads neither the person nor the member's heap.
--
-- The copy is kept by triggers, one mechanism on PGlite, PostgreSQL and Citus, so that every writer is followed (the
-- registry's import renaming a person, a member added by any path, psql): a member row takes its name from its
-- person whenever it is written (the name given, if any, is ignored), and renaming a person renames their member
-- rows. On a Citus shard the triggers fire under the shard's name and read or write the colocated shard of the
-- other table (person and party_member are colocated by county), as the rollup marks do (0049).

-- A name changes no figure: the rollup trigger no longer fires for an UPDATE that sets only the name (it would queue
-- a back-dated mark from the member's joining date). It fires for every other column, as before; a column added to
-- party_member later that the figures read must be added to this list.
DROP TRIGGER party_member_rollup_row ON party_member;
CREATE TRIGGER party_member_rollup_row
  AFTER INSERT OR DELETE OR UPDATE OF county_code, id, org_id, person_id, joined_on, standing, post, duty, wealth_leader,
    wealth_industry, left_on, left_reason, left_note, created_at, updated_at
  ON party_member FOR EACH ROW EXECUTE FUNCTION rollup_mark_row('party_member', 'org', 'mark', 'dated');

ALTER TABLE party_member ADD COLUMN name text;
UPDATE party_member m SET name = p.name FROM person p WHERE p.county_code = m.county_code AND p.id = m.person_id;
ALTER TABLE party_member ALTER COLUMN name SET NOT NULL;

-- The person's name, on every INSERT and UPDATE of a member row. A person that does not exist gives '' here and the
-- foreign key refuses the row as before.
CREATE FUNCTION party_member_take_name() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  found text;
BEGIN
  IF TG_TABLE_NAME <> 'party_member' THEN
    EXECUTE format('SELECT name FROM %I WHERE county_code = $1 AND id = $2',
                   'person_' || get_shard_id_for_distribution_column('person', NEW.county_code))
      INTO found USING NEW.county_code, NEW.person_id;
  ELSE
    SELECT name INTO found FROM person WHERE county_code = NEW.county_code AND id = NEW.person_id;
  END IF;
  NEW.name := coalesce(found, '');
  RETURN NEW;
END $$;
CREATE TRIGGER party_member_take_name BEFORE INSERT OR UPDATE ON party_member
  FOR EACH ROW EXECUTE FUNCTION party_member_take_name();

-- A renamed person's member rows, current and past.
CREATE INDEX party_member_person_idx ON party_member (county_code, person_id);
CREATE FUNCTION person_name_to_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME <> 'person' THEN
    EXECUTE format('UPDATE %I SET name = $3 WHERE county_code = $1 AND person_id = $2',
                   'party_member_' || get_shard_id_for_distribution_column('party_member', NEW.county_code))
      USING NEW.county_code, NEW.id, NEW.name;
  ELSE
    UPDATE party_member SET name = NEW.name WHERE county_code = NEW.county_code AND person_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER person_name_to_members AFTER UPDATE OF name ON person
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION person_name_to_members();

-- The list's walk in its own order, the name beside each key.
DROP INDEX party_member_current_idx;
CREATE INDEX party_member_current_idx ON party_member (county_code, org_id, id) INCLUDE (name) WHERE left_on IS NULL;
