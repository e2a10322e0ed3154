import Fluent

/// Every migration, in order. Append only: a released migration is never edited.
public enum StudioMigrations {
    public static var all: [any Migration] {
        [M001_CreatePlans(), M002_CreateUsers(), M003_CreateUsage(), M004_CreateJobsAndBlobs(), M005_DurableJobs(), M006_IdempotencyKeys(), M007_RolesAndKeyPrefixes(), M008_AsyncJobs(), M009_FamilyLimits(), M010_Indexes()]
    }
}
