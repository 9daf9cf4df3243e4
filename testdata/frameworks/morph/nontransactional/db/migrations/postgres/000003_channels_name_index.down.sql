DROP INDEX IF EXISTS idx_channels_name;
