/**
 * Generated from the server's OpenAPI document by `npm run api:types` (scripts/api-types.ts). Do not edit:
 * change the route's zod schemas on the server and run the command again.
 */


/** OneOf type helpers */
export type Without<T, U> = { [P in Exclude<keyof T, keyof U>]?: never };
export type XOR<T, U> = (T | U) extends object ? (Without<T, U> & U) | (Without<U, T> & T) : T | U;
export type OneOf<T extends any[]> = T extends [infer Only] ? Only : T extends [infer A, infer B, ...infer Rest] ? OneOf<[XOR<A, B>, ...Rest]> : never;

export interface paths {
  "/api/audit": {
    /**
     * The audit trail of the caller's region, newest first
     * @description `actor` is a user name; `from` and `to` are ISO dates or date-times (a date alone means the whole day). Pages by `nextCursor`.
     */
    get: {
      parameters: {
        query?: {
          actor?: string;
          entity?: string;
          entityId?: string;
          action?: string;
          from?: string;
          to?: string;
          cursor?: number;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["AuditRow"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
  };
  "/api/audit/entities": {
    /** The entity names that occur in the caller's audit trail (for a filter) */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: string[];
            };
          };
        };
      };
    };
  };
  "/api/audit/verify": {
    /**
     * Verify the hash chain of the whole audit trail
     * @description For province-level users only (403 otherwise): the chain spans every scope. Says whether a row was altered or removed.
     */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              broken: ({
                at: string;
                id: number;
                missing?: number;
                /** @enum {string} */
                reason: "altered" | "missing";
                seq: number;
              }) | null;
              head: {
                at: string;
                hash: string;
                id: number;
                seq: number;
              } | null;
              intact: boolean;
              message: string;
              rows: number;
            };
          };
        };
      };
    };
  };
  "/api/auth/change-password": {
    /**
     * Change the own password
     * @description Errors: `WRONG_PASSWORD` (counted like a failed login), `PASSWORD_REUSED`, and one code per policy rule with details `[{ path: "newPassword", code }]`: `PASSWORD_TOO_SHORT`, `PASSWORD_TOO_FEW_CLASSES`, `PASSWORD_HAS_USERNAME`, `PASSWORD_COMMON`, `PASSWORD_DEMO_ONLY`, `PASSWORD_TOO_LONG` (settings `auth.password_*`).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            currentPassword: string;
            newPassword: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {boolean} */
              ok: true;
            };
          };
        };
      };
    };
  };
  "/api/auth/csrf": {
    /**
     * The CSRF token
     * @description The value of the cookie `fupin_csrf`, which every write sends back in the header `x-csrf-token`.
     */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              csrfToken: string;
            };
          };
        };
      };
    };
  };
  "/api/auth/language": {
    /** Set the own language (zh-CN or en) */
    put: {
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            language: "zh-CN" | "en";
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {boolean} */
              ok: true;
            };
          };
        };
      };
    };
  };
  "/api/auth/login": {
    /**
     * Sign in
     * @description Sets the session cookie and a new CSRF token. `INVALID_CREDENTIALS` (401) for an unknown name, a wrong password and a disabled account alike; `ACCOUNT_LOCKED` (423, details `{ until }`) after too many failures from this browser (decision 0006).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            password: string;
            username: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              user: components["schemas"]["Me"];
            };
          };
        };
      };
    };
  };
  "/api/auth/logout": {
    /** Sign out */
    post: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {boolean} */
              ok: true;
            };
          };
        };
      };
    };
  };
  "/api/auth/me": {
    /** The signed-in user */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              user: components["schemas"]["Me"];
            };
          };
        };
      };
    };
  };
  "/api/cadres/attendance": {
    /**
     * A region's month of attendance (出勤统计), keyset-paged
     * @description One row per posting in post that month, as last computed: days in village (present or on official business), nights, the prorated standard, compliance, open flags. Filters: compliant=0|1, flagged=1.
     */
    get: {
      parameters: {
        query: {
          region?: string;
          month: string;
          compliant?: "0" | "1";
          flagged?: "0" | "1";
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              computedAt: string | null;
              items: components["schemas"]["AttendanceItem"][];
              month: string;
              nextCursor: string | null;
            };
          };
        };
      };
    };
  };
  "/api/cadres/attendance/compute": {
    /**
     * Compute a region's month of attendance and flags now
     * @description Idempotent: the figures are replaced, open flags follow the records (evidence changes bump their version), decided flags are kept. A month not yet begun is refused (400 ATTENDANCE_FUTURE_MONTH).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            month: string;
            region?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              checkins: number;
              flags: number;
              flagsChanged: number;
              flagsRemoved: number;
              month: string;
              ms: number;
              postings: number;
              region: string;
            };
          };
        };
      };
    };
  };
  "/api/cadres/checkins/import": {
    /**
     * Import check-ins exported from another attendance app (姓名 证件号码 打卡时间 经度 纬度 精度(米) 设备号 坐标系)
     * @description multipart/form-data with one file field (.xlsx or .csv, at most 20 MB, 100,000 rows). Each row's cadre is found by ID number and attached to the posting in post that day within the scope; times without an offset are Beijing time; GCJ-02 is converted to WGS-84. Stored as source imported (no device, no signature; 设备号 kept). `commit=0` previews; `commit=1` writes every new record when no row has a problem, else nothing. The same record twice is stored once. County level and above (403 POINT_LEVEL).
     */
    post: {
      parameters: {
        query?: {
          region?: string;
          commit?: "0" | "1";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["CheckinsImportResult"];
          };
        };
      };
    };
  };
  "/api/cadres/flags/{id}/decision": {
    /**
     * Confirm or dismiss a flag
     * @description Month flags (挂名/走读/forged) are decided by the county (403 ATTENDANCE_FLAG_LEVEL below it), absence candidates by the township or above. Confirm records one unexcused absence (capping the year's rating); dismiss needs a note (400 ATTENDANCE_NOTE_REQUIRED). `version` must be the one read (409 ATTENDANCE_FLAG_CHANGED otherwise).
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            decision: "confirm" | "dismiss";
            note?: string;
            /** @enum {string} */
            outcome?: "absence" | "replacement";
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              absenceDay: string | null;
              id: number;
              /** @enum {string|null} */
              outcome: "absence" | "replacement" | null;
              /** @enum {string} */
              state: "confirmed" | "dismissed";
            };
          };
        };
      };
    };
  };
  "/api/cadres/imports": {
    /** The last 20 postings imports of the user's region */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PostingImportBatch"][];
            };
          };
        };
      };
    };
    /**
     * Upload a postings file (驻村干部花名册, .xlsx or .csv, at most 200 MB) to import
     * @description multipart/form-data with one file field; columns 姓名 证件号码 性别 派出单位 派出单位层级 职务 是否党员 联系电话 市 县(市、区) 乡(镇) 行政村 村代码 驻村身份 任职开始日期 任职结束日期. Answers the batch id at once; the preview runs in the background (poll `GET /api/cadres/imports/{id}`). County level and above (403 PROCEDURE_LEVEL). The same limits and quota as the register's uploads.
     */
    post: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/cadres/imports/{id}": {
    /**
     * One postings import: its status, with the preview's progress or outcome
     * @description The summary counts new, unchanged and rejected postings, the new ones that will be in post or proposed, new persons, and the units the commit creates (`unitsToCreate`).
     */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PostingImportBatch"];
          };
        };
      };
    };
  };
  "/api/cadres/imports/{id}/commit": {
    /**
     * Commit a previewed postings import
     * @description Checks again, then writes the new postings in one transaction: missing units, persons, cadre profiles, postings and their cases (proposed, and confirmed in post from the start when it is not in the future). Rows with problems and postings on file write nothing.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              counts: components["schemas"]["PostingImportSummary"];
              /** @enum {string} */
              status: "committed";
            };
          };
        };
      };
    };
  };
  "/api/cadres/imports/{id}/discard": {
    /** Discard a previewed or failed postings import */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              status: "discarded";
            };
          };
        };
      };
    };
  };
  "/api/cadres/imports/{id}/problems": {
    /**
     * The problems the postings preview found, by file row
     * @description Pages by `afterRow` (pass `nextAfterRow`).
     */
    get: {
      parameters: {
        query?: {
          afterRow?: number;
          limit?: number;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ImportProblem"][];
              nextAfterRow: number | null;
            };
          };
        };
      };
    };
  };
  "/api/cadres/imports/{id}/report": {
    /**
     * The postings problem report: the uploaded rows with a column of their problems (.xlsx)
     * @description `rows=problems` keeps only the rows with a problem. Only while the batch is previewed (409 IMPORT_NO_REPORT).
     */
    get: {
      parameters: {
        query?: {
          rows?: "all" | "problems";
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The report workbook. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
          };
        };
      };
    };
  };
  "/api/cadres/leave": {
    /** Leave requests of a region */
    get: {
      parameters: {
        query?: {
          region?: string;
          state?: "requested" | "approved" | "rejected" | "cancelled" | "taken";
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["LeaveItem"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
  };
  "/api/cadres/leave/{id}": {
    /** A leave request with its procedure */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["LeaveDetail"];
          };
        };
      };
    };
  };
  "/api/cadres/leave/{id}/steps": {
    /**
     * Approve, reject, cancel or close a leave request
     * @description approve / reject: the township up to cadres.leave_township_max_days days, the county beyond (403 PROCEDURE_LEVEL). reject needs `reason`.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            action: string;
            date?: string;
            note?: string;
            reason?: string;
            /** @enum {string} */
            reasonCode?: "seldom_present" | "no_results" | "dissatisfied" | "health" | "promotion" | "other";
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/cadres/postings": {
    /**
     * Postings (驻村任职) of a region
     * @description Filters: state, role, `q` (a name prefix or its pinyin / initials). Keyset pages by `nextCursor`.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          state?: "proposed" | "in_post" | "rotated" | "replaced" | "finished" | "withdrawn";
          role?: "first_secretary" | "team_leader" | "team_member";
          q?: string;
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PostingItem"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    /**
     * Propose a posting (拟派)
     * @description Creates the cadre (a person found by ID number, or new) and the posting in state proposed. A person with a posting proposed or in post is refused (409 CADRE_ALREADY_POSTED); a person of another county too (409 CADRE_PERSON_OTHER_COUNTY).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            cadre: {
              idNumber: string;
              name: string;
              partyMember: boolean;
              phone?: string;
              post: string;
              rank?: string;
              unitId: number;
            };
            note?: string;
            plannedEndDate?: string;
            replacesId?: number;
            /** @enum {string} */
            role: "first_secretary" | "team_leader" | "team_member";
            startDate: string;
            villageCode: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/cadres/postings/{id}": {
    /** A posting with its procedure: state, deadline, history, the steps the reader may take */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PostingDetail"];
          };
        };
      };
    };
  };
  "/api/cadres/postings/{id}/attendance": {
    /** A cadre's month: calendar, check-ins judged one by one, flags with evidence */
    get: {
      parameters: {
        query: {
          month: string;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              checkins: ({
                  accuracy: number;
                  deviceTime: string;
                  distanceM: number | null;
                  id: number;
                  inVillage: boolean;
                  lat: number;
                  lon: number;
                  receivedAt: string;
                  /** @enum {string} */
                  source: "app" | "imported";
                })[];
              days: ({
                  day: string;
                  /** @enum {string} */
                  kind: "present" | "official" | "leave" | "absence" | "candidate" | "missing" | "weekend" | "out";
                  night: boolean;
                })[];
              figures: {
                compliant: boolean;
                computedAt: string;
                daysInPost: number;
                daysInVillage: number;
                leaveDays: number;
                nights: number;
                officialDays: number;
                requiredDays: number;
              } | null;
              flags: components["schemas"]["FlagView"][];
              hasPoint: boolean;
              idMasked: string;
              month: string;
              name: string;
              postingId: number;
              townshipName: string | null;
              villageCode: string;
              villageName: string;
            };
          };
        };
      };
    };
  };
  "/api/cadres/postings/{id}/checkins": {
    /** A posting's check-ins in a month (device time, received time, position) */
    get: {
      parameters: {
        query?: {
          month?: string;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  accuracy: number;
                  clientId: string;
                  deviceId: number;
                  deviceTime: string;
                  flags: string[];
                  id: number;
                  lat: number;
                  lon: number;
                  receivedAt: string;
                  /** @enum {string} */
                  source: "app" | "imported";
                })[];
              month: string;
            };
          };
        };
      };
    };
  };
  "/api/cadres/postings/{id}/devices": {
    /** A posting's registered field devices: when registered, by which login, last used, records signed, revoked */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PostingDevice"][];
            };
          };
        };
      };
    };
  };
  "/api/cadres/postings/{id}/devices/{deviceId}/revoke": {
    /**
     * Revoke a posting's field device with a reason (county organisation department)
     * @description County users (scope of 6 digits or above) with users.manage (403 CADRE_DEVICE_LEVEL otherwise); a reason is required (400 CADRE_DEVICE_REASON); a device of another posting or county answers 404; an already revoked one 409 CADRE_DEVICE_REVOKED_ALREADY. Records the key signs from then on are refused with FIELD_DEVICE_REVOKED (the day and the reason); what it signed before keeps its judgement. The login's sessions end. Audited (cadre_device, revoke).
     */
    post: {
      parameters: {
        path: {
          id: number;
          deviceId: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PostingDevice"];
          };
        };
      };
    };
  };
  "/api/cadres/postings/{id}/field-records": {
    /** A posting's work logs (with photo links and EXIF signals) and household visits in a month */
    get: {
      parameters: {
        query?: {
          month?: string;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              logs: ({
                  clientId: string;
                  id: number;
                  logDate: string;
                  photos: ({
                      bytes: number;
                      exifLat: number | null;
                      exifLon: number | null;
                      exifTime: string | null;
                      mime: string;
                      seq: number;
                      url: string;
                    })[];
                  receivedAt: string;
                  text: string;
                })[];
              month: string;
              visits: ({
                  clientId: string;
                  headName: string | null;
                  householdId: number;
                  householdNo: string;
                  id: number;
                  logId: number | null;
                  note: string;
                  visitDate: string;
                })[];
            };
          };
        };
      };
    };
  };
  "/api/cadres/postings/{id}/leave": {
    /**
     * Ask for leave (请假) for a cadre in post
     * @description Refused when not in post, outside the posting, too long (setting cadres.leave_max_days) or overlapping other leave (409 LEAVE_OVERLAP).
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            endDate: string;
            /** @enum {string} */
            kind: "personal" | "sick" | "official";
            reason: string;
            startDate: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/cadres/postings/{id}/login": {
    /**
     * Give a cadre in post a login (role resident_cadre, scope the village)
     * @description County users with users.manage. The account is disabled when the posting ends. The password follows the password policy.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            password: string;
            username: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/cadres/postings/{id}/logs/{logId}/photos/{seq}": {
    /** One photo of a posting's work log (the posting's scope: another county gets 404) */
    get: {
      parameters: {
        path: {
          id: number;
          logId: number;
          seq: number;
        };
      };
      responses: {
        /** @description The photo. */
        200: {
          content: {
            "image/jpeg": string;
            "image/png": string;
          };
        };
      };
    };
  };
  "/api/cadres/postings/{id}/reviews": {
    /** A posting's year: unexcused absences, the rating cap, spot checks, reviews and who reviews */
    get: {
      parameters: {
        query: {
          year: number;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["CadreReviewSummary"];
          };
        };
      };
    };
    /**
     * Write a review (述职评议) as the dispatching level
     * @description Only users whose scope is the dispatching unit's region (403 CADRE_REVIEW_LEVEL). A rating above the cap of the year's unexcused absences answers 409 CADRE_RATING_CAPPED; one review per year and period.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            comment?: string;
            /**
             * @default year
             * @enum {string}
             */
            period?: "year" | "q1" | "q2" | "q3" | "q4";
            /** @enum {string} */
            rating: "excellent" | "competent" | "basic" | "incompetent";
            year: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/cadres/postings/{id}/spot-checks": {
    /**
     * Record a spot check (抽查): found in the village or not
     * @description Township or county users. "Not found" on a day without approved leave is an unexcused absence (`absence: true`), which caps the year's rating.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            date: string;
            found: boolean;
            note?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              absence: boolean;
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/cadres/postings/{id}/steps": {
    /**
     * Take a step of the posting procedure
     * @description confirm (in post from `date`, default the start) · withdraw · finish · rotate · replace (`reasonCode` required). Ending before the minimum tenure needs `reason`. `version` is the case version read: 409 PROCEDURE_CHANGED when someone moved it since.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            action: string;
            date?: string;
            note?: string;
            reason?: string;
            /** @enum {string} */
            reasonCode?: "seldom_present" | "no_results" | "dissatisfied" | "health" | "promotion" | "other";
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/cadres/postings/export": {
    /**
     * The postings of a filter as a spreadsheet (驻村干部花名册), .xlsx or .csv, in the import format
     * @description The same filters as the list (state, role, q). ID numbers and phones are masked; `unmask=1` writes them in full: it needs pii.unmask, counts against the unmasking budget and is audited. An unmasked export imports again as unchanged, and so does a masked one (a masked ID number names the posting on file).
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          state?: "proposed" | "in_post" | "rotated" | "replaced" | "finished" | "withdrawn";
          role?: "first_secretary" | "team_leader" | "team_member";
          q?: string;
          format?: "xlsx" | "csv";
          unmask?: "0" | "1";
        };
      };
      responses: {
        /** @description The postings file, one row per posting. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            "text/csv": string;
          };
        };
      };
    };
  };
  "/api/cadres/units": {
    /** Dispatching units (派出单位) of the regions above the scope and inside it */
    get: {
      parameters: {
        query?: {
          region?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["CadreUnit"][];
            };
          };
        };
      };
    };
    /**
     * Add a dispatching unit
     * @description The region must fit the level (province 2 digits, city 4, county 6, township 9) and lie inside the scope. A name is unique per region (409 CADRE_UNIT_EXISTS).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            level: "province" | "city" | "county" | "township";
            name: string;
            regionCode: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/cadres/village-points": {
    /**
     * The villages of a region with their reference point (村点位) or none
     * @description Points are WGS-84. source: imported (from a file), edited (placed on the map), approximate (generated for the demo, not a survey). `missing=1` keeps villages without a point. Keyset pages by `nextCursor` (a village code).
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          missing?: "0" | "1";
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["VillagePoint"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
  };
  "/api/cadres/village-points/{villageCode}": {
    /**
     * Place or move a village's point (WGS-84, from the map)
     * @description County level and above (403 POINT_LEVEL). The point becomes source edited; audited with the point before and after. A village outside the scope answers 404.
     */
    put: {
      parameters: {
        path: {
          villageCode: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            lat: number;
            lon: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              givenCrs: "wgs84" | "gcj02";
              lat: number;
              lon: number;
              /** @enum {string} */
              source: "imported" | "edited" | "approximate";
              villageCode: string;
            };
          };
        };
      };
    };
  };
  "/api/cadres/village-points/import": {
    /**
     * Import village points from a spreadsheet (村代码 经度 纬度 坐标系), preview or commit
     * @description multipart/form-data with one file field (.xlsx or .csv, at most 20 MB, 25,000 rows). 坐标系: WGS-84 or GCJ-02 (火星坐标), empty = WGS-84; GCJ-02 is converted to WGS-84. `commit=0` previews (writes nothing); `commit=1` checks again and writes every new or changed point when no row has a problem, else nothing (`committed: false`). The same file twice changes nothing (rows unchanged). County level and above (403 POINT_LEVEL).
     */
    post: {
      parameters: {
        query?: {
          region?: string;
          commit?: "0" | "1";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PointsImportResult"];
          };
        };
      };
    };
  };
  "/api/command/alerts": {
    /**
     * Current alerts of a region
     * @description `state`: open (default), acknowledged or all; `rule` narrows to one alert rule. Pages by `nextCursor`.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          rule?: string;
          state?: "open" | "acknowledged" | "all";
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["AlertList"];
          };
        };
      };
    };
  };
  "/api/command/alerts/ack": {
    /**
     * Acknowledge an alert, with an optional note
     * @description Audited and idempotent; an item that is not a current alert inside the user's scope answers 404.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            key: string;
            note?: string;
            rule: string;
          };
        };
      };
      responses: {
        /** @description Acknowledged */
        204: {
          content: never;
        };
      };
    };
  };
  "/api/command/briefing": {
    /**
     * The monthly briefing (月度通报) of a region
     * @description Every indicator for each child region with its rank, the worst marked, and a written summary.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          month?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Briefing"];
          };
        };
      };
    };
  };
  "/api/command/briefing.xlsx": {
    /** The monthly briefing as an .xlsx workbook */
    get: {
      parameters: {
        query?: {
          region?: string;
          month?: string;
        };
      };
      responses: {
        /** @description The briefing workbook, named after the region and the month. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
          };
        };
      };
    };
  };
  "/api/command/catalog": {
    /**
     * The indicators, breakdowns and alert rules of the command centre (指挥中心)
     * @description Also the latest month with data (the default month of the other command routes).
     */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Catalog"];
          };
        };
      };
    };
  };
  "/api/command/dashboard": {
    /**
     * The dashboard of a region for a month
     * @description Key figures with the previous month's, trends, breakdowns, the region's children for rankings and the alert counts. `region` defaults to the user's scope; `month` (YYYY-MM, never after the current month) to the catalog's `latestMonth`.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          month?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Dashboard"];
          };
        };
      };
    };
  };
  "/api/command/geo": {
    /**
     * The county outlines of the province (GeoJSON)
     * @description Liaoning's counties; `properties.code` is the county code (and the map's name). The same file for every user (cached for a day), gzip-compressed when the client accepts it.
     */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["CountyGeo"];
          };
        };
      };
    };
  };
  "/api/command/map": {
    /**
     * Indicator values of the regions at one level under a region, for the map
     * @description `level` defaults to counties for a province or a city, else one level down.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          month?: string;
          level?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["MapValues"];
          };
        };
      };
    };
  };
  "/api/comparison/batches": {
    /** The department lists imported in a region */
    get: {
      parameters: {
        query?: {
          region?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  createdAt: string;
                  department: string;
                  departmentLabel: string;
                  filename: string;
                  hits: number;
                  id: number;
                  label: string | null;
                  problemRows: number;
                  status: string;
                  totalRows: number;
                })[];
            };
          };
        };
      };
    };
    /**
     * Upload a department list (证件号码 plus the department’s fields) and preview it
     * @description multipart/form-data with one file field (.xlsx or .csv, at most 20 MB). ID numbers are normalised as the register’s and kept only as keyed hash and masked form; rows whose number cannot be read are listed with their problem. Nothing is matched until POST /comparison/batches/:id/match. County level and above.
     */
    post: {
      parameters: {
        query: {
          region?: string;
          department: "vehicle" | "company" | "public_employee" | "housing" | "death" | "other";
          label?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/comparison/batches/{id}": {
    /** A list: counts and the rows that could not be read */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ComparisonBatch"];
          };
        };
      };
    };
    /** Discard a previewed list */
    delete: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/comparison/batches/{id}/match": {
    /**
     * Match a previewed list against every person of the register (keyed hash) within the importer’s scope
     * @description Each matching row becomes an open hit for the household’s county. 409 COMPARISON_BATCH_STATE when already matched or discarded.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              counties: {
                  county: string;
                  hits: number;
                }[];
              hits: number;
            };
          };
        };
      };
    };
  };
  "/api/comparison/hits": {
    /** 比对疑点: the hits of a region, to verify */
    get: {
      parameters: {
        query?: {
          region?: string;
          state?: "open" | "confirmed" | "dismissed";
          department?: "vehicle" | "company" | "public_employee" | "housing" | "death" | "other";
          batch?: number;
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ComparisonHit"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
  };
  "/api/comparison/hits/{id}": {
    /** A hit: the department’s record and the household */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ComparisonHitDetail"];
          };
        };
      };
    };
  };
  "/api/comparison/hits/{id}/decision": {
    /**
     * The county confirms (and acts) or dismisses (with a reason) a hit
     * @description confirm on a death ends the membership; on another department opens a monitoring case for re-assessment unless reassess=false (then a reason). 403 PROCEDURE_LEVEL below the county; 409 COMPARISON_HIT_DECIDED.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            decision: "confirm" | "dismiss";
            /** @enum {string} */
            kind?: "unstable" | "marginal" | "hardship";
            reason?: string;
            reassess?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              action: string | null;
              id: number;
              monitoringCaseId: number | null;
            };
          };
        };
      };
    };
  };
  "/api/exit/batches": {
    /** The villages' exit batches in a region, households counted by state */
    get: {
      parameters: {
        query?: {
          region?: string;
          year?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ExitBatchItem"][];
            };
          };
        };
      };
    };
    /**
     * Propose households for exit in the village's batch of a year (all eligible, or nothing is saved)
     * @description 409 EXIT_NOT_ELIGIBLE with details [{householdId, codes}] naming each failing condition.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            householdIds: number[];
            note?: string;
            villageCode: string;
            year: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/exit/batches/{id}": {
    /** A batch and its households with their states and notice dates */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ExitBatchDetail"];
          };
        };
      };
    };
  };
  "/api/exit/batches/{id}/steps": {
    /**
     * One step for the households of the batch where it starts (appraise, verify, agree, publish, announce, close)
     * @description Each household is judged as on its own; one refusal refuses all (nothing written).
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            action: string;
            date?: string;
            ids?: number[];
            note?: string;
            reason?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
              moved: number;
            };
          };
        };
      };
    };
  };
  "/api/exit/candidates": {
    /** A village's poor households and whether each may exit in the year (income above the line, 两不愁三保障) */
    get: {
      parameters: {
        query: {
          region: string;
          year: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  eligible: boolean;
                  exitId: number | null;
                  exitState: string | null;
                  fails: {
                      code: string;
                      label: string;
                    }[];
                  head: string;
                  householdNo: string;
                  id: number;
                  incomePerCapita: number | null;
                  members: number;
                })[];
              povertyLine: number;
              year: number;
            };
          };
        };
      };
    };
  };
  "/api/exit/complaints": {
    /** Complaints and objections from the public pages of a region (open first) */
    get: {
      parameters: {
        query?: {
          region?: string;
          open?: "1";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ExitComplaintItem"][];
            };
          };
        };
      };
    };
  };
  "/api/exit/complaints/{id}": {
    /** A complaint with its procedure */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ExitComplaintDetail"];
          };
        };
      };
    };
  };
  "/api/exit/complaints/{id}/answer": {
    /** 答复办结: the county's answer closes the complaint (the sender reads it by the reference) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            answer: string;
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/exit/counties": {
    /** The provincial poverty counties: incidence, threshold, procedure */
    get: {
      parameters: {
        query?: {
          region?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  announcedOn: string | null;
                  code: string;
                  exitFor: number | null;
                  exitId: number | null;
                  exitState: string | null;
                  exitStateLabel: string | null;
                  incidence: number;
                  meetsThreshold: boolean;
                  name: string;
                  poorPersons: number;
                  ruralPopulation: number;
                })[];
              threshold: number;
            };
          };
        };
      };
    };
    /** A provincial poverty county applies for exit */
    post: {
      requestBody: {
        content: {
          "application/json": {
            countyCode: string;
            note?: string;
            year: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/exit/counties/{id}": {
    /** A county's exit */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ExitCountyDetail"];
          };
        };
      };
    };
  };
  "/api/exit/counties/{id}/steps": {
    /** A step of a county's exit (city pre-check, province verification, notice, announcement) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            action: string;
            date?: string;
            note?: string;
            reason?: string;
            verified?: {
              [key: string]: boolean;
            };
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/exit/households/{id}": {
    /** A household's exit: facts, objections, procedure */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ExitHouseholdDetail"];
          };
        };
      };
    };
  };
  "/api/exit/households/{id}/objections": {
    /** An objection during the notice (异议), with its source */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            content: string;
            receivedOn?: string;
            /** @enum {string} */
            source: "public_page" | "visit" | "letter" | "phone" | "meeting" | "other";
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/exit/households/{id}/objections/{objectionId}/decision": {
    /** Decide an objection: upheld sends the household back with the reason; dismissed lets the notice run on */
    post: {
      parameters: {
        path: {
          id: number;
          objectionId: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            outcome: "upheld" | "dismissed";
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/exit/households/{id}/steps": {
    /**
     * A step of one household's exit
     * @description announce waits exit.notice_days calendar days from the notice (409 PROCEDURE_TOO_EARLY) and no open objection (409 EXIT_OBJECTION_OPEN); close sets the household exited in the register.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            action: string;
            date?: string;
            note?: string;
            reason?: string;
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/exit/villages": {
    /** Poor villages: incidence now, under the threshold or not, exit year, procedure */
    get: {
      parameters: {
        query?: {
          region?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              checks: ({
                  /** @enum {string} */
                  code: "collective_income" | "roads" | "drinking_water" | "electricity" | "housing" | "clinic" | "activity_venue";
                  label: string;
                })[];
              items: ({
                  code: string;
                  exitId: number | null;
                  exitState: string | null;
                  exitStateLabel: string | null;
                  exitYear: number | null;
                  incidence: number;
                  meetsThreshold: boolean;
                  name: string;
                  poorPersons: number;
                  ruralPopulation: number;
                  township: string;
                })[];
              threshold: number;
            };
          };
        };
      };
    };
    /**
     * The township proposes a poor village's exit with its checklist
     * @description 409 EXIT_ABOVE_THRESHOLD when the incidence is not below exit.incidence_pct.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            checklist: {
              [key: string]: boolean;
            };
            note?: string;
            villageCode: string;
            year: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/exit/villages/{id}": {
    /** A village's exit */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ExitVillageDetail"];
          };
        };
      };
    };
  };
  "/api/exit/villages/{id}/steps": {
    /** A step of a village's exit (check with `verified`, publish, announce sets the exit year, return, withdraw) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            action: string;
            date?: string;
            note?: string;
            reason?: string;
            verified?: {
              [key: string]: boolean;
            };
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/field/checkins": {
    /**
     * Send signed check-ins (up to 200); each is answered accepted, duplicate or refused with a reason
     * @description signature: base64 of the ECDSA P-256 / SHA-256 signature (r‖s, as WebCrypto makes it) over `fupin-checkin-v1|clientId|deviceTime|lat|lon|accuracy`. Refused: unknown or revoked device, a device of another login, a bad signature, a client id reused with another signature (replayed), older than cadres.checkin_late_days (default 7) or more than 10 minutes ahead.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            records: {
                accuracy: number;
                /** Format: uuid */
                clientId: string;
                deviceId: number;
                /** Format: date-time */
                deviceTime: string;
                lat: number;
                lon: number;
                signature: string;
              }[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              results: ({
                  clientId: string;
                  reason: string | null;
                  reasonCode: string | null;
                  /** @enum {string} */
                  status: "accepted" | "duplicate" | "refused";
                })[];
            };
          };
        };
      };
    };
  };
  "/api/field/devices": {
    /**
     * Register a phone's check-in key (ECDSA P-256 public JWK)
     * @description Only a login linked to a posting (403 FIELD_NO_POSTING). The same key again answers the same device; a key registered by another login is refused (409 FIELD_DEVICE_TAKEN).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            publicKey: {
              /** @enum {string} */
              crv: "P-256";
              /** @enum {string} */
              kty: "EC";
              x: string;
              y: string;
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              deviceId: number;
              registeredAt: string;
            };
          };
        };
      };
    };
  };
  "/api/field/households": {
    /** The posting village's households for the visit picker: number and householder's name only */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  headInitials: string | null;
                  headName: string | null;
                  headPinyin: string | null;
                  householdNo: string;
                  id: number;
                })[];
              villageCode: string;
            };
          };
        };
      };
    };
  };
  "/api/field/leave": {
    /** The caller's own leave requests with their state */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["LeaveItem"][];
            };
          };
        };
      };
    };
    /** Ask for leave for the caller's own posting (as POST /cadres/postings/{id}/leave) */
    post: {
      requestBody: {
        content: {
          "application/json": {
            endDate: string;
            /** @enum {string} */
            kind: "personal" | "sick" | "official";
            reason: string;
            startDate: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/field/logs": {
    /**
     * Send a day's work log (工作日志) with up to 3 photos, signed by the device key
     * @description multipart/form-data: a `meta` field (JSON: clientId, deviceId, logDate, text ≤ 2,000 characters, signature) then up to 3 `photo` files, JPEG or PNG by their first bytes, each within cadres.log_photo_max_mb (default 5; 413 FIELD_PHOTO_TOO_LARGE). signature: base64 ECDSA P-256 / SHA-256 (r‖s) over `fupin-log-v1|clientId|logDate|sha256 hex of each photo, comma-separated|text`. One log per day; the same client id again is a duplicate. Answered like a check-in: accepted, duplicate or refused with a reason.
     */
    post: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              clientId: string;
              logId: number | null;
              reason: string | null;
              reasonCode: string | null;
              /** @enum {string} */
              status: "accepted" | "duplicate" | "refused";
            };
          };
        };
      };
    };
  };
  "/api/field/me": {
    /** The field app's start: the caller's posting, its village and today's check-ins */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              displayName: string;
              lateDays: number;
              mustChangePassword: boolean;
              posting: ({
                id: number;
                name: string;
                role: string;
                state: string;
                townshipName: string | null;
                villageCode: string;
                villageName: string;
              }) | null;
              today: ({
                  accuracy: number;
                  clientId: string;
                  deviceId: number;
                  deviceTime: string;
                  flags: string[];
                  id: number;
                  lat: number;
                  lon: number;
                  receivedAt: string;
                  /** @enum {string} */
                  source: "app" | "imported";
                })[];
              username: string;
            };
          };
        };
      };
    };
  };
  "/api/field/records": {
    /** The caller's own work logs and visits of a month (default this month) */
    get: {
      parameters: {
        query?: {
          month?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              logs: ({
                  clientId: string;
                  id: number;
                  logDate: string;
                  photos: ({
                      bytes: number;
                      exifLat: number | null;
                      exifLon: number | null;
                      exifTime: string | null;
                      mime: string;
                      seq: number;
                      url: string;
                    })[];
                  receivedAt: string;
                  text: string;
                })[];
              month: string;
              visits: ({
                  clientId: string;
                  headName: string | null;
                  householdId: number;
                  householdNo: string;
                  id: number;
                  logId: number | null;
                  note: string;
                  visitDate: string;
                })[];
            };
          };
        };
      };
    };
  };
  "/api/field/visits": {
    /**
     * Send household visits (走访), up to 50; each answered accepted, duplicate or refused with a reason
     * @description A household outside the posting's village is refused (FIELD_HOUSEHOLD_NOT_IN_VILLAGE). withLog links the visit to that day's work log.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            records: ({
                /** Format: uuid */
                clientId: string;
                householdId: number;
                monitoring?: {
                  /** @enum {string} */
                  kind: "unstable" | "marginal" | "hardship";
                  risk: string;
                };
                note: string;
                visitDate: string;
                /** @default false */
                withLog?: boolean;
              })[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              results: ({
                  clientId: string;
                  monitoring?: {
                    caseId: number | null;
                    refusal: string | null;
                  };
                  reason: string | null;
                  reasonCode: string | null;
                  /** @enum {string} */
                  status: "accepted" | "duplicate" | "refused";
                  visitId: number | null;
                })[];
            };
          };
        };
      };
    };
  };
  "/api/health": {
    /**
     * Liveness: the process answers (no database round trip; see /api/ready)
     * @description Public, for load balancers and monitoring. `demo` says whether the database holds the demo accounts.
     */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Health"];
          };
        };
      };
    };
  };
  "/api/helpers": {
    /**
     * Helpers (帮扶责任人) of a region
     * @description A region below a county lists its county's helpers (everyone there picks among them). `q`: a name prefix. Keyset pages by `nextCursor`.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          q?: string;
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["HelperItem"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    /**
     * Add a helper
     * @description With an ID number the helper is the county's person of that number (a cadre or a household member: one person, one record), created if new; 409 HELPER_PERSON_OTHER_COUNTY, HELPER_NAME_MISMATCH. Without one, a helper of the same name and phone in the county answers 409 HELPER_EXISTS.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            countyCode?: string;
            idNumber?: string;
            name: string;
            phone?: string;
            workUnit?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/helpers/{id}": {
    /** A helper with their households (current first) and pairing dates */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["HelperDetail"];
          };
        };
      };
    };
    /**
     * Edit a helper: name, unit, phone (blank keeps it), an ID number when none is on record
     * @description The pairings carry the new name at once (the household list, the export).
     */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            idNumber?: string;
            name: string;
            phone?: string;
            workUnit?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/helpers/assignments": {
    /**
     * 指定帮扶责任人: pair the selected households with a helper from today
     * @description All or nothing. A household's current pairing with another helper ends today; households already helped by this helper stay as they are. Refused: repeated ids (400 HELPER_DUPLICATE_HOUSEHOLDS), ids outside the writer's region or of no household (404 HELPER_HOUSEHOLDS_OUT_OF_SCOPE, without telling which exist), households of another county than the helper's (400 HELPER_OTHER_COUNTY).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            helperId: number;
            householdIds: number[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              assigned: number;
              replaced: number;
              unchanged: number;
            };
          };
        };
      };
    };
  };
  "/api/monitoring/cases": {
    /**
     * 防返贫监测: the monitoring cases of a region
     * @description Filters: state, kind, overdue=1 (past a step deadline or the 15-day limit). Keyset pages by `nextCursor`.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          state?: "proposed" | "visiting" | "notice" | "township_review" | "county_decision" | "monitored" | "left" | "rejected";
          kind?: "unstable" | "marginal" | "hardship";
          overdue?: "1";
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["MonitoringItem"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    /**
     * Propose a household for monitoring (a registered one, or a new monitoring-only marginal household)
     * @description 409 MONITORING_CASE_EXISTS (a live case), MONITORING_STILL_POOR, MONITORING_KIND_STATUS (unstable needs exited), MONITORING_INCOME_ABOVE (marginal over 1.5 × the line).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            household?: {
              category: string;
              cause: string;
              exitYear?: number | null;
              guarantees?: {
                clothing: boolean;
                education: boolean;
                food: boolean;
                housing: boolean;
                medical: boolean;
              };
              helper?: string | null;
              helperPhone?: string;
              householdNo: string;
              income?: number | null;
              incomes?: ({
                  business?: number | null;
                  businessCosts?: number | null;
                  perCapita?: number | null;
                  persons?: number | null;
                  property?: number | null;
                  transfers?: number | null;
                  wages?: number | null;
                  year: number;
                })[];
              members: {
                  education?: string;
                  ethnicity?: string;
                  gender?: string;
                  health?: string;
                  idNumber: string;
                  labour?: string;
                  medicalInsurance?: boolean;
                  name: string;
                  personId?: number;
                  phone?: string;
                  relation: string;
                  schooling?: string;
                  work?: string;
                }[];
              plannedExitYear?: number | null;
              projects?: ({
                  amount?: number | null;
                  id?: number;
                  state: string;
                  type: string;
                  year: number;
                })[];
              yearIdentified: number;
            };
            householdId?: number;
            income?: number;
            /** @enum {string} */
            kind: "unstable" | "marginal" | "hardship";
            risk: string;
            /**
             * @default application
             * @enum {string}
             */
            source?: "application" | "visit";
            villageCode: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/monitoring/cases/{id}": {
    /** A monitoring case: facts, measures, checklist, procedure */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["MonitoringDetail"];
          };
        };
      };
    };
  };
  "/api/monitoring/cases/{id}/measures": {
    /** 帮扶措施: an assistance measure of a monitored household */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @default 0 */
            amount?: number;
            note?: string;
            startedOn: string;
            type: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/monitoring/cases/{id}/steps": {
    /**
     * confirm / consent / appraise / approve / include / reject / leave
     * @description consent needs consentSignedOn; appraise waits exit.monitoring_notice_days (409 PROCEDURE_TOO_EARLY); approve is the township’s, include and leave the county’s (403 PROCEDURE_LEVEL); leave needs the whole checklist (409 MONITORING_CHECKLIST); reject needs a reason.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            action: string;
            checklist?: {
              guarantees: boolean;
              income_stable: boolean;
              risk_gone: boolean;
              safe_water: boolean;
            };
            consentSignedOn?: string;
            date?: string;
            note?: string;
            reason?: string;
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/monitoring/scan": {
    /** System proposals: exited households whose latest income is under the monitoring line, for a person to confirm */
    post: {
      requestBody: {
        content: {
          "application/json": {
            region?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              line: number;
              proposed: number;
            };
          };
        };
      };
    };
  };
  "/api/party/commitments": {
    /**
     * The members' public commitments of a region for a year, with the share fulfilled
     * @description Fulfilled: the member reported it fulfilled with evidence and the organisation confirmed it.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          year?: number;
          status?: "pending" | "fulfilled" | "unfulfilled";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              fulfilledPercent: number | null;
              items: components["schemas"]["Commitment"][];
            };
          };
        };
      };
    };
    /**
     * Record a member's public commitment for a year
     * @description The member must be inside the writer's region (404 otherwise, as a missing one) and not have left (409 PARTY_MEMBER_LEFT).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            content: string;
            memberId: number;
            year: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/commitments/{id}/fulfilment": {
    /**
     * 践诺: the result of a commitment and its evidence (a new result undoes the review)
     * @description fulfilled needs evidence (400 PARTY_EVIDENCE_REQUIRED).
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            attachmentRef?: string;
            evidence?: string;
            /** @enum {string} */
            status: "pending" | "fulfilled" | "unfulfilled";
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              version: number;
            };
          };
        };
      };
    };
  };
  "/api/party/commitments/{id}/review": {
    /**
     * The organisation's review of a commitment's result: confirmed or returned
     * @description 409 PARTY_REVIEW_OPEN while the result is pending.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            note?: string;
            /** @enum {string} */
            review: "confirmed" | "returned";
            reviewedOn: string;
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              version: number;
            };
          };
        };
      };
    };
  };
  "/api/party/decisions": {
    /**
     * 四议一审两公开 decisions of a region, newest first
     * @description Filters: state, village (inside the region), year proposed. Keyset pages by `nextCursor`.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          state?: "proposed" | "org_proposed" | "committees_deliberated" | "members_reviewed" | "villagers_decided" | "township_reviewed" | "decision_disclosed" | "result_disclosed" | "rejected";
          village?: string;
          year?: number;
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["DecisionItem"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    /**
     * Record a proposal (the first step): a major matter of a village with a party organisation
     * @description 400 DECISION_NOT_VILLAGE; 409 DECISION_NO_ORG when the village has no party organisation on record.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            amount?: number | null;
            /** @enum {string} */
            category: "collective_assets" | "project" | "funds" | "land" | "welfare" | "other";
            content: string;
            proposedOn: string;
            /** @enum {string} */
            source: "members_villagers" | "village_cadres" | "higher_level";
            title: string;
            villageCode: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/decisions/{id}": {
    /** A decision: its steps with attendance and votes, its history, and the next step with the fields it needs */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["DecisionDetail"];
          };
        };
      };
    };
  };
  "/api/party/decisions/{id}/steps": {
    /**
     * Take the next step (in order, none skipped); a meeting is judged by its quorum and majority
     * @description Refused with the rule named, nothing written: 409 DECISION_WRONG_STEP (out of order), DECISION_NOT_ONE_SHOULDER (joint meeting), PROCEDURE_CHANGED (stale version); 400 DECISION_QUORUM, DECISION_VOTES_EXCEED, DECISION_PRESENT_EXCEEDS, DECISION_FIELD_REQUIRED, DECISION_DATE_ORDER. A meeting that votes the matter down, or a township that refuses it, ends the decision as rejected (outcome `rejected`).
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            /** @enum {string} */
            action: "org_propose" | "joint_meeting" | "committees" | "members_meeting" | "villagers_meeting" | "township_review" | "disclose_decision" | "disclose_result";
            approve?: boolean;
            heldOn: string;
            place?: string;
            present?: number;
            reason?: string;
            summary?: string;
            total?: number;
            townshipAttendee?: string;
            version: number;
            votesAbstain?: number;
            votesAgainst?: number;
            votesFor?: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
              /** @enum {string} */
              outcome: "passed" | "rejected" | "done";
              state: string;
            };
          };
        };
      };
    };
  };
  "/api/party/funds/export": {
    /**
     * The payments of a region and year as a spreadsheet in the import format (.xlsx or .csv)
     * @description Columns 村代码 行政村 乡(镇) 拨付日期 金额(元) 用途 资金来源 备注; importing the file again changes nothing.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          year?: number;
          format?: "xlsx" | "csv";
        };
      };
      responses: {
        /** @description The funds file, one row per payment. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            "text/csv": string;
          };
        };
      };
    };
  };
  "/api/party/funds/imports": {
    /** The last 20 funds imports of the user's region */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: {
                  actorName: string;
                  createdAt: string;
                  filename: string;
                  id: number;
                  progress: unknown;
                  scopeCode: string;
                  status: string;
                  summary: unknown;
                }[];
            };
          };
        };
      };
    };
    /**
     * Upload a funds file (村级经费拨付表, .xlsx or .csv) to import
     * @description multipart/form-data with one file field; columns 村代码 行政村 拨付日期 金额(元) 用途 资金来源 备注 (乡(镇) optional, to tell villages of one name apart). Answers the batch id at once; the preview runs in the background (poll `GET /api/party/funds/imports/{id}`). Villages outside the uploader's scope are problems.
     */
    post: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/funds/imports/{id}": {
    /** One funds import: its status, with the preview's progress or outcome (new, unchanged, rejected payments) */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              actorName: string;
              createdAt: string;
              filename: string;
              id: number;
              progress: unknown;
              scopeCode: string;
              status: string;
              summary: unknown;
            };
          };
        };
      };
    };
  };
  "/api/party/funds/imports/{id}/commit": {
    /**
     * Commit a previewed funds import
     * @description Checks again, then writes the new payments in one transaction. Payments on file and rows with problems write nothing.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              counts: {
                amountFen: number;
                payments: {
                  new: number;
                  rejected: number;
                  unchanged: number;
                };
                rows: number;
                rowsWithProblems: number;
              };
              /** @enum {string} */
              status: "committed";
            };
          };
        };
      };
    };
  };
  "/api/party/funds/imports/{id}/discard": {
    /** Discard a previewed or failed funds import */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              status: "discarded";
            };
          };
        };
      };
    };
  };
  "/api/party/funds/imports/{id}/problems": {
    /**
     * The problems the funds preview found, by file row
     * @description Pages by `afterRow`.
     */
    get: {
      parameters: {
        query?: {
          afterRow?: number;
          limit?: number;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ImportProblem"][];
              nextAfterRow: number | null;
            };
          };
        };
      };
    };
  };
  "/api/party/funds/imports/{id}/report": {
    /** The funds problem report: the uploaded rows with a column of their problems (.xlsx) */
    get: {
      parameters: {
        query?: {
          rows?: "all" | "problems";
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The report workbook. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
          };
        };
      };
    };
  };
  "/api/party/funds/income": {
    /**
     * Collective-economy income of the known villages of a region for a year (hollow villages first)
     * @description A village with no income on record for the year, or zero, is a hollow village (空壳村).
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          year?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["IncomeItem"][];
              year: number;
            };
          };
        };
      };
    };
    /**
     * Set a village's collective-economy income for a year (amount in fen)
     * @description Pass the version read when the year has an income on record; 409 PARTY_RECORD_CHANGED when it changed meanwhile.
     */
    put: {
      requestBody: {
        content: {
          "application/json": {
            amountFen: number;
            sources?: string;
            version?: number;
            villageCode: string;
            year: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              version: number;
            };
          };
        };
      };
    };
  };
  "/api/party/funds/pay": {
    /**
     * Village cadres' monthly pay records of a year, late ones first
     * @description late: unpaid past the due date, or paid after it. `late=1` lists only those.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          year?: number;
          late?: "1";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PayItem"][];
            };
          };
        };
      };
    };
    /**
     * Record a village cadre's pay for a month (the person by ID number, as everywhere: one human, one row)
     * @description 409 PARTY_PAY_EXISTS for the same person, village and month; PARTY_PERSON_OTHER_COUNTY, PARTY_NAME_MISMATCH.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            amountDueFen: number;
            dueOn: string;
            idNumber: string;
            month: string;
            name: string;
            paidOn?: string;
            post: string;
            villageCode: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/funds/pay/{id}/paid": {
    /** Record (or clear) the date a month's pay was paid, from the version read */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            paidOn: string | null;
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              version: number;
            };
          };
        };
      };
    };
  };
  "/api/party/funds/payments": {
    /** Payments of a region's villages in a year, newest first */
    get: {
      parameters: {
        query?: {
          region?: string;
          year?: number;
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["Payment"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    /**
     * Record a payment to a village (amount in fen)
     * @description 409 PARTY_PAYMENT_EXISTS when the same village, date, purpose, amount and source is on record.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            amountFen: number;
            note?: string;
            paidOn: string;
            /** @enum {string} */
            purpose: "operation" | "party_building" | "other";
            source?: string;
            villageCode: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/funds/payments/{id}": {
    /** One payment */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Payment"];
          };
        };
      };
    };
  };
  "/api/party/funds/payments/{id}/correct": {
    /**
     * Correct a payment entered wrongly: a dated reversal that keeps the original, and the replacement if any
     * @description Never an edit in place. 409 PARTY_RECORD_CHANGED (version), PARTY_PAYMENT_REVERSED (already corrected), PARTY_PAYMENT_IS_REVERSAL, PARTY_PAYMENT_EXISTS (the replacement is on record); 400 PARTY_CORRECTION_SAME, PARTY_CORRECTION_BEFORE_PAYMENT, PARTY_DAY_FUTURE.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            correctedOn: string;
            reason: string;
            replacement?: {
              amountFen: number;
              note?: string;
              paidOn: string;
              /** @enum {string} */
              purpose: "operation" | "party_building" | "other";
              source?: string;
            };
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              replacementId: number | null;
              reversalId: number;
            };
          };
        };
      };
    };
  };
  "/api/party/funds/summary": {
    /**
     * Funds paid against the standard for a year, by the children of a region (drill-down)
     * @description Every village the party module knows (a village party organisation, a poor village, a payment or an income on record) is owed the yearly standards (settings party.funds_operation_yuan, party.funds_party_building_yuan). `coveredFen` counts each purpose up to its standard, village by village. Amounts in fen.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          year?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["FundsSummary"];
          };
        };
      };
    };
  };
  "/api/party/households/{id}/pairings": {
    /** The party members helping a household (党员结对), current first */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PartyPairing"][];
            };
          };
        };
      };
    };
  };
  "/api/party/imports/ledger": {
    /** The last 20 ledger imports of the user's region */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PartyImportBatch"][];
            };
          };
        };
      };
    };
    /**
     * Upload a rectification ledger (软弱涣散村党组织整顿台账, .xlsx or .csv) to import
     * @description multipart/form-data with one file field; columns 序号 市 县(市、区) 乡(镇) 行政村 村代码 党组织名称 整顿年度 认定日期 软弱涣散类型 主要问题 整顿措施(一村一策) 县级联系领导 乡镇包村干部 第一书记 整顿时限 整顿进展 状态 销号日期 巩固日期 备注 (整顿年度 and 软弱涣散类型 required). Causes must be on the settings' list; a state needs what its steps need (the measures for 已定措施 on, 销号日期 for 已销号, 巩固日期 for 已巩固). A row whose village has a case of that year updates it: new dated progress lines are appended, a later state takes the steps to it. The preview runs in the background; villages outside the uploader's scope are problems.
     */
    post: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/imports/ledger/{id}": {
    /** One ledger import: its status, with the preview's progress or outcome (new, updated, unchanged, rejected cases) */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartyImportBatch"];
          };
        };
      };
    };
  };
  "/api/party/imports/ledger/{id}/commit": {
    /**
     * Commit a previewed ledger import
     * @description Checks again, then writes the new cases and their progress and the updates of cases on file (new progress lines, the steps to the file's state) in one transaction; each step through the procedure mechanism, dated by the file. Commits of the same villages and years are serialized: a second one finds the cases the first wrote. Unchanged rows and rows with problems write nothing.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              counts: components["schemas"]["PartyImportSummary"];
              /** @enum {string} */
              status: "committed";
            };
          };
        };
      };
    };
  };
  "/api/party/imports/ledger/{id}/discard": {
    /** Discard a previewed or failed ledger import */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              status: "discarded";
            };
          };
        };
      };
    };
  };
  "/api/party/imports/ledger/{id}/problems": {
    /**
     * The problems the ledger preview found, by file row
     * @description Pages by `afterRow`.
     */
    get: {
      parameters: {
        query?: {
          afterRow?: number;
          limit?: number;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ImportProblem"][];
              nextAfterRow: number | null;
            };
          };
        };
      };
    };
  };
  "/api/party/imports/ledger/{id}/report": {
    /** The ledger problem report: the uploaded rows with a column of their problems (.xlsx) */
    get: {
      parameters: {
        query?: {
          rows?: "all" | "problems";
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The report workbook. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
          };
        };
      };
    };
  };
  "/api/party/imports/ledger/{id}/rows": {
    /**
     * The ledger preview per row: new case, update of the case on file (what changes), unchanged or rejected
     * @description Pages by `afterRow`. An update appends the new dated progress lines and takes the steps from the case's state to the file's, dated by the file.
     */
    get: {
      parameters: {
        query?: {
          afterRow?: number;
          limit?: number;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  changes: {
                    fields: string[];
                    from: string;
                    progress: {
                        content: string;
                        date: string;
                      }[];
                    steps: {
                        action: string;
                        date: string;
                        label: string;
                      }[];
                    text: string;
                    to: string;
                  } | null;
                  /** @enum {string|null} */
                  outcome: "new" | "update" | "unchanged" | "rejected" | null;
                  row: number;
                  village: ({
                    code: string;
                    name: string | null;
                  }) | null;
                  year: number | null;
                })[];
              nextAfterRow: number | null;
            };
          };
        };
      };
    };
  };
  "/api/party/imports/members": {
    /** The last 20 members imports of the user's region */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PartyImportBatch"][];
            };
          };
        };
      };
    };
    /**
     * Upload a members file (党员, .xlsx or .csv) to import
     * @description Columns 姓名 证件号码 性别 村代码 行政村 入党日期 党员类别 岗位 职责 是否致富带头人 致富产业 联系电话. The preview runs in the background.
     */
    post: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/imports/members/{id}": {
    /** One members import: its status, with the preview's progress or outcome */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartyImportBatch"];
          };
        };
      };
    };
  };
  "/api/party/imports/members/{id}/commit": {
    /**
     * Commit a previewed members import
     * @description Checks again, then writes new persons and records in one transaction; rows on file or with problems write nothing.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              counts: components["schemas"]["PartyImportSummary"];
              /** @enum {string} */
              status: "committed";
            };
          };
        };
      };
    };
  };
  "/api/party/imports/members/{id}/discard": {
    /** Discard a previewed or failed members import */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              status: "discarded";
            };
          };
        };
      };
    };
  };
  "/api/party/imports/members/{id}/problems": {
    /**
     * The problems the members preview found, by file row
     * @description Pages by `afterRow`.
     */
    get: {
      parameters: {
        query?: {
          afterRow?: number;
          limit?: number;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ImportProblem"][];
              nextAfterRow: number | null;
            };
          };
        };
      };
    };
  };
  "/api/party/imports/members/{id}/report": {
    /** The members problem report: the uploaded rows with a column of their problems (.xlsx) */
    get: {
      parameters: {
        query?: {
          rows?: "all" | "problems";
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The report workbook. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
          };
        };
      };
    };
  };
  "/api/party/imports/orgs": {
    /** The last 20 organisations imports of the user's region */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PartyImportBatch"][];
            };
          };
        };
      };
    };
    /**
     * Upload a organisations file (村党组织, .xlsx or .csv) to import
     * @description Columns 村代码 行政村 组织名称 组织类型 成立日期 书记姓名 书记证件号码 是否一肩挑 书记任职日期. The preview runs in the background.
     */
    post: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/imports/orgs/{id}": {
    /** One organisations import: its status, with the preview's progress or outcome */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartyImportBatch"];
          };
        };
      };
    };
  };
  "/api/party/imports/orgs/{id}/commit": {
    /**
     * Commit a previewed organisations import
     * @description Checks again, then writes new persons and records in one transaction; rows on file or with problems write nothing.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              counts: components["schemas"]["PartyImportSummary"];
              /** @enum {string} */
              status: "committed";
            };
          };
        };
      };
    };
  };
  "/api/party/imports/orgs/{id}/discard": {
    /** Discard a previewed or failed organisations import */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              status: "discarded";
            };
          };
        };
      };
    };
  };
  "/api/party/imports/orgs/{id}/problems": {
    /**
     * The problems the organisations preview found, by file row
     * @description Pages by `afterRow`.
     */
    get: {
      parameters: {
        query?: {
          afterRow?: number;
          limit?: number;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ImportProblem"][];
              nextAfterRow: number | null;
            };
          };
        };
      };
    };
  };
  "/api/party/imports/orgs/{id}/report": {
    /** The organisations problem report: the uploaded rows with a column of their problems (.xlsx) */
    get: {
      parameters: {
        query?: {
          rows?: "all" | "problems";
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The report workbook. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
          };
        };
      };
    };
  };
  "/api/party/members": {
    /**
     * Party members of a region or of one organisation
     * @description Current members unless `left=true`; `wealth=true`: wealth-leading members; `q`: a name prefix. Keyset pages.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          org?: number;
          wealth?: "true" | "false";
          left?: "true" | "false";
          q?: string;
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["MemberItem"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    /**
     * Add a member to an organisation (person by ID number)
     * @description An organisation outside the scope answers 404; a person already a member somewhere in the county 409 PARTY_MEMBER_EXISTS (a move is the move route).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            duty?: string;
            idNumber: string;
            joinedOn: string;
            name: string;
            orgId: number;
            post?: string;
            /**
             * @default full
             * @enum {string}
             */
            standing?: "full" | "probationary";
            wealthIndustry?: string;
            /** @default false */
            wealthLeader?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/members/{id}": {
    /** A member with the households they help */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["MemberDetail"];
          };
        };
      };
    };
    /** 设岗定责 and the wealth leader: standing, post, duty, wealth leader and industry */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            duty?: string;
            post?: string;
            /**
             * @default full
             * @enum {string}
             */
            standing?: "full" | "probationary";
            version: string;
            wealthIndustry?: string;
            /** @default false */
            wealthLeader?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/members/{id}/leave": {
    /** A member leaves the organisation on a date (the record stays); their pairings end */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            date: string;
            note?: string;
            /** @enum {string} */
            reason: "deceased" | "expelled" | "withdrawn" | "other";
            version: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/members/{id}/move": {
    /**
     * Move a member to another organisation of the county
     * @description The row ends that day (moved) and a new one opens the next day in the target, with the pairings; one transaction.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            date: string;
            note?: string;
            toOrgId: number;
            version: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/members/{id}/pairings": {
    /**
     * Pair the member with a household of the register (党员结对帮扶)
     * @description The household must be inside the scope (else 404) and of the same county.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            householdId: number;
            startDate: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/members/export": {
    /**
     * The members of a region as a spreadsheet (党员), .xlsx or .csv, in the import format
     * @description ID numbers and phones are masked; `unmask=1` writes them in full: it needs pii.unmask, counts against the unmasking budget and is audited. An unmasked file imports again as unchanged.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          format?: "xlsx" | "csv";
          unmask?: "0" | "1";
        };
      };
      responses: {
        /** @description The members file. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            "text/csv": string;
          };
        };
      };
    };
  };
  "/api/party/nomination-bars": {
    /** 不得提名的情形: the province's list of disqualifying conditions */
    get: {
      parameters: {
        query?: {
          region?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: {
                  active: boolean;
                  code: string;
                  en: string;
                  label: string;
                  zh: string;
                }[];
              provinceCode: string;
            };
          };
        };
      };
    };
    /**
     * The province edits its list (a condition left out is retired, never deleted)
     * @description Province users only (403 PARTY_BARS_PROVINCE).
     */
    put: {
      requestBody: {
        content: {
          "application/json": {
            items: {
                active?: boolean;
                code: string;
                en: string;
                zh: string;
              }[];
            provinceCode: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              count: number;
            };
          };
        };
      };
    };
  };
  "/api/party/nominations": {
    /** A village's nomination checks */
    get: {
      parameters: {
        query: {
          village: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  by: string;
                  checked: number;
                  checkedOn: string;
                  id: number;
                  idMasked: string;
                  name: string;
                  nominated: boolean;
                  note: string | null;
                  reasons: string[];
                })[];
            };
          };
        };
      };
    };
    /**
     * Nominate a candidate for village secretary: every condition is checked and recorded
     * @description A condition that applies refuses the nomination: 409 PARTY_NOMINATION_BARRED naming the conditions (the check stays recorded).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            hits: string[];
            idNumber: string;
            name: string;
            note?: string;
            villageCode: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
              nominated: boolean;
            };
          };
        };
      };
    };
  };
  "/api/party/orgs": {
    /**
     * Village party organisations (村党组织) of a region
     * @description In village-code order; filters: kind, state (normal / weak: 软弱涣散, an open rectification case of the village), dissolved. Keyset pages by `nextCursor`.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          kind?: "branch" | "general_branch" | "committee";
          state?: "normal" | "weak";
          dissolved?: "true" | "false";
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["OrgItem"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    /**
     * Create the organisation of a village (or township)
     * @description One at a time per place: 409 PARTY_ORG_EXISTS while one is not dissolved.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            establishedOn?: string;
            /** @enum {string} */
            kind: "branch" | "general_branch" | "committee";
            name: string;
            regionCode: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/orgs/{id}": {
    /** An organisation with its secretaries, current first */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["OrgDetail"];
          };
        };
      };
    };
    /**
     * Edit name, kind, establishment date
     * @description `version` is the one read: a change meanwhile answers 409 PARTY_CHANGED.
     */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            establishedOn?: string | null;
            /** @enum {string} */
            kind: "branch" | "general_branch" | "committee";
            name: string;
            version: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/orgs/{id}/dissolve": {
    /**
     * Dissolve an organisation on a date (kept, never deleted)
     * @description Its members must have moved out (409 PARTY_ORG_HAS_MEMBERS); the current secretary term ends that day.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            date: string;
            version: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/orgs/{id}/secretary": {
    /**
     * Appoint a secretary: the current term ends the day before with its reason
     * @description The person is the county's person of that ID number (a household member or a cadre is the same row), or a new one; 409 PARTY_PERSON_OTHER_COUNTY, PARTY_NAME_MISMATCH, PARTY_SECRETARY_SAME.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            endNote?: string;
            /**
             * @default term_end
             * @enum {string}
             */
            endReason?: "term_end" | "adjusted" | "resigned" | "deceased" | "other";
            idNumber: string;
            name: string;
            /** @default false */
            oneShoulder?: boolean;
            startDate: string;
            version: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/orgs/export": {
    /**
     * The organisations of a region as a spreadsheet (村党组织), .xlsx or .csv, in the import format
     * @description ID numbers and phones are masked; `unmask=1` writes them in full: it needs pii.unmask, counts against the unmasking budget and is audited. An unmasked file imports again as unchanged.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          format?: "xlsx" | "csv";
          unmask?: "0" | "1";
        };
      };
      responses: {
        /** @description The organisations file. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            "text/csv": string;
          };
        };
      };
    };
  };
  "/api/party/pairings/{id}/end": {
    /** End a pairing on a date */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            date: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/rectification-causes": {
    /** The standard causes of a weak-and-lax organisation (setting party.rectification_causes) */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: {
                  code: string;
                  label: string;
                }[];
            };
          };
        };
      };
    };
  };
  "/api/party/rectifications": {
    /**
     * 软弱涣散整顿台账: the rectification cases of a region
     * @description Filters: state, year, overdue=1 (past the plan deadline, not closed). Keyset pages by `nextCursor`.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          state?: "identified" | "planned" | "rectifying" | "closed" | "consolidated";
          year?: number;
          overdue?: "1";
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PartyLedgerItem"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    /**
     * 排查认定: identify a weak-and-lax organisation (one case per village and year)
     * @description Township or county users. 409 PARTY_CASE_EXISTS for a second case of the village in the year; 400 PARTY_CAUSE_UNKNOWN.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            causes: string[];
            problems?: string;
            villageCode: string;
            year: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/rectifications/{id}": {
    /** A rectification case: facts, progress, procedure */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartyLedgerDetail"];
          };
        };
      };
    };
  };
  "/api/party/rectifications/{id}/plan": {
    /** 一村一策: the plan, county leader, township member and deadline (the first secretary comes from the cadres module) */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            causes?: string[];
            countyLeader: string;
            deadline?: string;
            plan: string;
            problems?: string;
            townshipMember: string;
            version?: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/rectifications/{id}/progress": {
    /** 整改进展: a dated progress entry */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            content: string;
            date: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/rectifications/{id}/steps": {
    /**
     * plan / start / close (销号) / consolidate (巩固) / reopen
     * @description plan needs the measures complete (409 PARTY_PLAN_INCOMPLETE); close, consolidate and reopen are the county's (403 PROCEDURE_LEVEL); consolidate waits party.rectification_follow_up_days after closing (409 PROCEDURE_TOO_EARLY); reopen needs `reason`.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            action: string;
            date?: string;
            note?: string;
            reason?: string;
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/rectifications/export": {
    /** 软弱涣散整顿台账 as a spreadsheet (.xlsx or .csv), one row per case */
    get: {
      parameters: {
        query?: {
          region?: string;
          year?: number;
          format?: "xlsx" | "csv";
        };
      };
      responses: {
        /** @description The ledger file, one row per case. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            "text/csv": string;
          };
        };
      };
    };
  };
  "/api/party/reserve": {
    /** Reserve cadres of a region's villages, with their training hours */
    get: {
      parameters: {
        query?: {
          region?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["Reserve"][];
            };
          };
        };
      };
    };
    /**
     * Add a reserve cadre to a village (the person by ID number: one human, one row)
     * @description 409 PARTY_RESERVE_EXISTS, PARTY_PERSON_OTHER_COUNTY, PARTY_NAME_MISMATCH.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            education?: string;
            idNumber: string;
            name: string;
            since: string;
            source?: string;
            villageCode: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/reserve/{id}": {
    /** A reserve cadre with their training records */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ReserveDetail"];
          };
        };
      };
    };
  };
  "/api/party/reserve/{id}/leave": {
    /**
     * A reserve cadre leaves the reserve (dated, with the reason; never deleted)
     * @description 409 PARTY_RESERVE_ALREADY_LEFT; 400 PARTY_RESERVE_LEFT_BEFORE (before joining), PARTY_DAY_FUTURE.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            leftOn: string;
            note?: string;
            /** @enum {string} */
            reason: "elected" | "appointed" | "moved" | "unfit" | "withdrew" | "other";
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/reserve/{id}/trainings": {
    /** Record a training of a reserve cadre (date, course, hours, organiser) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            course: string;
            hours: number;
            organiser?: string;
            trainedOn: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/screening/{id}": {
    /** A secretary's screening with its adjustment procedure */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartyScreeningDetail"];
          };
        };
      };
    };
    /**
     * Assess a secretary (胜任 / 基本胜任 / 不胜任): 不胜任 opens the adjustment, due by year end
     * @description Once (409 PARTY_ALREADY_ASSESSED). Township or county users.
     */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            note?: string;
            /** @enum {string} */
            opinion: "satisfied" | "basically" | "dissatisfied";
            /** @enum {string} */
            result: "competent" | "basically" | "incompetent";
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/screening/{id}/steps": {
    /** adjust (the new secretary takes over: one transaction) / withdraw (kept on review, with a reason) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            action: string;
            date?: string;
            note?: string;
            reason?: string;
            successor?: {
              idNumber: string;
              name: string;
              oneShoulder?: boolean;
            };
            version: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/party/screening/rounds": {
    /** 过筛子: screening rounds with their progress inside the region */
    get: {
      parameters: {
        query?: {
          region?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  adjusted: number;
                  assessed: number;
                  countyCode: string;
                  countyName: string;
                  id: number;
                  note: string | null;
                  openedOn: string;
                  total: number;
                  unfit: number;
                  year: number;
                })[];
            };
          };
        };
      };
    };
    /**
     * Open a county's screening round of a year: every poor village's current secretary is listed
     * @description County users and above (403 PROCEDURE_LEVEL); once per county and year (409 PARTY_ROUND_EXISTS).
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            countyCode: string;
            note?: string;
            year: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
              listed: number;
            };
          };
        };
      };
    };
  };
  "/api/party/screening/rounds/{id}": {
    /**
     * A round's villages and results inside the region (a township sees its villages)
     * @description A round of a county outside the region answers 404, as a missing one.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PartyRoundDetail"];
          };
        };
      };
    };
  };
  "/api/party/secretary-history": {
    /** A village's secretaries over time and its screenings */
    get: {
      parameters: {
        query: {
          village: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              screenings: components["schemas"]["PartyScreeningItem"][];
              secretaries: ({
                  endDate: string | null;
                  endReason: string | null;
                  id: number;
                  idMasked: string;
                  name: string;
                  oneShoulder: boolean;
                  startDate: string;
                })[];
            };
          };
        };
      };
    };
  };
  "/api/public/complaints/{reference}": {
    /** A complaint's state by its reference (no content echoed) */
    get: {
      parameters: {
        path: {
          reference: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PublicComplaintStatus"];
          };
        };
      };
    };
  };
  "/api/public/villages/{code}": {
    /**
     * A village's public board (no login): households in exit notice, other notices, disclosed decisions
     * @description Names as the setting exit.public_full_names says; no ID number, phone, bank account or health. 404 for anything but a village.
     */
    get: {
      parameters: {
        path: {
          code: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PublicBoard"];
          };
        };
      };
    };
  };
  "/api/public/villages/{code}/complaints": {
    /** Send a complaint or an objection from the public board (no login, rate-limited); answers only a reference */
    post: {
      parameters: {
        path: {
          code: string;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            contact?: string;
            content: string;
            /** @enum {string} */
            kind: "objection" | "complaint";
            noticeId?: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              reference: string;
            };
          };
        };
      };
    };
  };
  "/api/public/villages/{code}/disclosures": {
    /**
     * A village's disclosed decisions and results (public, no login, rate-limited)
     * @description Names masked per the setting party.public_full_names; no ID numbers or phones. 404 for an unknown or non-village code; 429 PUBLIC_RATE_LIMIT.
     */
    get: {
      parameters: {
        path: {
          code: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["PublicDisclosureList"];
          };
        };
      };
    };
  };
  "/api/ready": {
    /** Readiness: database reachable, migrations applied, figures worker running (503 when not) */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              checks: {
                database: {
                  detail: string;
                  ms: number | null;
                  ok: boolean;
                };
                migrations: {
                  applied: number;
                  detail: string;
                  latest: string | null;
                  ok: boolean;
                  pending: number;
                };
                worker: {
                  detail: string;
                  lastRunAt: string | null;
                  ok: boolean;
                };
              };
              figures: ({
                backlogVillages: number;
                oldestChangeAt: string | null;
              }) | null;
              ready: boolean;
              version: string;
            };
          };
        };
        /** @description Default Response */
        503: {
          content: {
            "application/json": {
              checks: {
                database: {
                  detail: string;
                  ms: number | null;
                  ok: boolean;
                };
                migrations: {
                  applied: number;
                  detail: string;
                  latest: string | null;
                  ok: boolean;
                  pending: number;
                };
                worker: {
                  detail: string;
                  lastRunAt: string | null;
                  ok: boolean;
                };
              };
              figures: ({
                backlogVillages: number;
                oldestChangeAt: string | null;
              }) | null;
              ready: boolean;
              version: string;
            };
          };
        };
      };
    };
  };
  "/api/regions/{code}": {
    /** One region, with its path from the user's scope down to it */
    get: {
      parameters: {
        path: {
          code: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["RegionWithPath"];
          };
        };
      };
    };
  };
  "/api/regions/{code}/children": {
    /** The regions directly under a region */
    get: {
      parameters: {
        path: {
          code: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["Region"][];
            };
          };
        };
      };
    };
  };
  "/api/regions/search": {
    /**
     * Search regions by name or code
     * @description Within the user's scope: `q` matches a part of the name or the start of the code.
     */
    get: {
      parameters: {
        query: {
          q: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["RegionWithPath"][];
            };
          };
        };
      };
    };
  };
  "/api/regions/summary": {
    /**
     * A region with its counts of subordinate regions and its poverty counties
     * @description Default region: the user's scope.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["RegionSummary"];
          };
        };
      };
    };
  };
  "/api/registry/codelists": {
    /**
     * The code lists of the register, labelled in the user's language
     * @description Household category, poverty cause, household status (poor 未脱贫, exited 已脱贫, returned 返贫, monitored 监测户), relation (head = 户主), gender, ethnicity, education, schooling, health, labour, work, yes/no, project type and state. Forms and imports take the codes.
     */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["CodeList"][];
            };
          };
        };
      };
    };
  };
  "/api/registry/coverage": {
    /** How many households still poor have a helper, a project and an exit deadline */
    get: {
      parameters: {
        query?: {
          region?: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["Coverage"];
          };
        };
      };
    };
  };
  "/api/registry/household-files": {
    /** The household files of every household in a village, for the print view */
    get: {
      parameters: {
        query: {
          region: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              countyName: string;
              items: components["schemas"]["HouseholdDetail"][];
              townshipName: string;
              villageCode: string;
              villageName: string;
            };
          };
        };
      };
    };
  };
  "/api/registry/household-files.pdf": {
    /** The household files of a village as one PDF, a household a page */
    get: {
      parameters: {
        query: {
          region: string;
        };
      };
      responses: {
        /** @description The village's household files */
        200: {
          content: {
            "application/pdf": string;
          };
        };
      };
    };
  };
  "/api/registry/households": {
    /**
     * Households (建档立卡户) of a region, filtered
     * @description `gap` (over households still poor, status poor or returned): no_helper, no_project, no_deadline, deadline_passed. `q`: the Chinese name (prefix) of any member, pinyin initials, or a full 18-character ID number. Pages by `nextCursor`.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          status?: string;
          cause?: string;
          category?: string;
          gap?: "no_helper" | "no_project" | "no_deadline" | "deadline_passed";
          plannedExit?: string;
          incomeBand?: number;
          q?: string;
          cursor?: string;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["HouseholdItem"][];
              nextCursor: string | null;
              povertyLine?: number;
              total?: number;
              totalExact?: boolean;
            };
          };
        };
      };
    };
    /**
     * Register a household
     * @description Codes from the code lists; checked as an import row is. Problems answer 400 VALIDATION_FAILED with details `[{ path: "members.1.idNumber" | "category" | …, code, message }]`.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            category: string;
            cause: string;
            exitYear?: number | null;
            guarantees?: {
              clothing: boolean;
              education: boolean;
              food: boolean;
              housing: boolean;
              medical: boolean;
            };
            helper?: string | null;
            helperPhone?: string;
            householdNo: string;
            income?: number | null;
            incomes?: ({
                business?: number | null;
                businessCosts?: number | null;
                perCapita?: number | null;
                persons?: number | null;
                property?: number | null;
                transfers?: number | null;
                wages?: number | null;
                year: number;
              })[];
            members: {
                education?: string;
                ethnicity?: string;
                gender?: string;
                health?: string;
                idNumber: string;
                labour?: string;
                medicalInsurance?: boolean;
                name: string;
                personId?: number;
                phone?: string;
                relation: string;
                schooling?: string;
                work?: string;
              }[];
            plannedExitYear?: number | null;
            projects?: ({
                amount?: number | null;
                id?: number;
                state: string;
                type: string;
                year: number;
              })[];
            status: string;
            version?: number;
            villageCode: string;
            yearIdentified: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/registry/households/{id}": {
    /**
     * One household: members, income, status history, helpers, projects and its audit trail
     * @description ID numbers are masked; `birthDate` is given only to users who may unmask (decision 0005), others get `birthYear`.
     */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["HouseholdDetail"];
          };
        };
      };
    };
    /**
     * Edit a household
     * @description As the create route. A member already registered may send an empty `idNumber` to keep the one on file (it is never sent to the client unmasked).
     */
    put: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            category: string;
            cause: string;
            exitYear?: number | null;
            guarantees?: {
              clothing: boolean;
              education: boolean;
              food: boolean;
              housing: boolean;
              medical: boolean;
            };
            helper?: string | null;
            helperPhone?: string;
            householdNo: string;
            income?: number | null;
            incomes?: ({
                business?: number | null;
                businessCosts?: number | null;
                perCapita?: number | null;
                persons?: number | null;
                property?: number | null;
                transfers?: number | null;
                wages?: number | null;
                year: number;
              })[];
            members: {
                education?: string;
                ethnicity?: string;
                gender?: string;
                health?: string;
                idNumber: string;
                labour?: string;
                medicalInsurance?: boolean;
                name: string;
                personId?: number;
                phone?: string;
                relation: string;
                schooling?: string;
                work?: string;
              }[];
            plannedExitYear?: number | null;
            projects?: ({
                amount?: number | null;
                id?: number;
                state: string;
                type: string;
                year: number;
              })[];
            status: string;
            version?: number;
            villageCode: string;
            yearIdentified: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/registry/households/{id}/file.pdf": {
    /** One household file (一户一档) as an A4 PDF */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The household file */
        200: {
          content: {
            "application/pdf": string;
          };
        };
      };
    };
  };
  "/api/registry/households/export": {
    /**
     * The households of a filter as a register file (花名册), .xlsx or .csv
     * @description The same filters as the list. `unmask=1` writes full ID numbers: it needs the permission pii.unmask, counts against the unmasking limit and is audited.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          status?: string;
          cause?: string;
          category?: string;
          gap?: "no_helper" | "no_project" | "no_deadline" | "deadline_passed";
          plannedExit?: string;
          incomeBand?: number;
          q?: string;
          format?: "xlsx" | "csv";
          unmask?: "0" | "1";
        };
      };
      responses: {
        /** @description The register file, one row per member. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            "text/csv": string;
          };
        };
      };
    };
  };
  "/api/registry/imports": {
    /** The last 20 import batches of the user's region */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ImportBatch"][];
            };
          };
        };
      };
    };
    /**
     * Upload a register file (.xlsx or .csv, at most 200 MB) to import
     * @description multipart/form-data with one file field. Answers the batch id at once; the preview runs in the background (poll `GET /api/registry/imports/{id}`), then the batch is committed or discarded. Uploads are limited per user in number and kept bytes.
     */
    post: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              id: number;
            };
          };
        };
      };
    };
  };
  "/api/registry/imports/{id}": {
    /**
     * One import batch: its status, with the preview's progress or outcome
     * @description Status staging (the preview runs; see `progress`), previewed, committed, discarded or failed (`summary.error` says why).
     */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["ImportBatch"];
          };
        };
      };
    };
  };
  "/api/registry/imports/{id}/commit": {
    /**
     * Commit a previewed import into the register
     * @description Rows with problems are left out; `counts` says what changed. 409 IMPORT_NOT_PREVIEWED unless previewed.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              counts: components["schemas"]["ImportSummary"];
              /** @enum {string} */
              status: "committed";
            };
          };
        };
      };
    };
  };
  "/api/registry/imports/{id}/discard": {
    /** Discard a previewed or failed import */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              /** @enum {string} */
              status: "discarded";
            };
          };
        };
      };
    };
  };
  "/api/registry/imports/{id}/helpers": {
    /**
     * How a previewed register import resolves its 帮扶责任人 column, household by household
     * @description existing (the household's current helper, or the one helper of that name in the county) · new (created at commit, once per name) · ambiguous (two or more helpers of the county bear the name: the household is imported, its pairing left as it is). Pages by row number (`after`).
     */
    get: {
      parameters: {
        query?: {
          resolution?: "existing" | "new" | "ambiguous";
          after?: number;
          limit?: number;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: ({
                  candidates: number;
                  helperId: number | null;
                  helperName: string;
                  householdNo: string;
                  /** @enum {string} */
                  resolution: "existing" | "new" | "ambiguous";
                  row: number;
                })[];
              nextAfter: number | null;
            };
          };
        };
      };
    };
  };
  "/api/registry/imports/{id}/problems": {
    /**
     * The problems the preview found, by file row
     * @description Pages by `afterRow` (pass `nextAfterRow`).
     */
    get: {
      parameters: {
        query?: {
          afterRow?: number;
          limit?: number;
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["ImportProblem"][];
              nextAfterRow: number | null;
            };
          };
        };
      };
    };
  };
  "/api/registry/imports/{id}/report": {
    /**
     * The problem report: the uploaded rows with a column of their problems (.xlsx)
     * @description `rows=problems` keeps only the rows with a problem. Only while the batch is previewed (409 IMPORT_NO_REPORT otherwise). ID numbers are masked unless the caller uploaded the file or may unmask.
     */
    get: {
      parameters: {
        query?: {
          rows?: "all" | "problems";
        };
        path: {
          id: number;
        };
      };
      responses: {
        /** @description The report workbook. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
          };
        };
      };
    };
  };
  "/api/registry/persons/{id}/unmask": {
    /**
     * Show a person's full ID number
     * @description Needs pii.unmask; audited, and counted against the user's daily unmasking limit (decision 0005).
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              idNumber: string;
              personId: number;
            };
          };
        };
      };
    };
  };
  "/api/registry/register-year": {
    /**
     * The register year
     * @description The year whose per-capita income the register's income column holds.
     */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              year: number;
            };
          };
        };
      };
    };
  };
  "/api/registry/template": {
    /** An empty register workbook to fill in for an import */
    get: {
      responses: {
        /** @description The import template (.xlsx) with the header row. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
          };
        };
      };
    };
  };
  "/api/registry/villages": {
    /**
     * Poor villages (贫困村) of a region
     * @description `exit`: all (default), exited or not_exited. `incidence` is a percentage.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          exit?: "all" | "exited" | "not_exited";
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["PoorVillage"][];
            };
          };
        };
      };
    };
  };
  "/api/registry/villages/{code}": {
    /**
     * One poor village with the coverage of its households
     * @description Its households: `GET /api/registry/households?region=<code>`.
     */
    get: {
      parameters: {
        path: {
          code: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              countyName: string;
              coverage: components["schemas"]["Coverage"];
              exitYear: number | null;
              households: number;
              incidence: number | null;
              plannedExitYear: number | null;
              poorPersons: number;
              ruralPopulation: number;
              townshipName: string;
              villageCode: string;
              villageName: string;
              yearListed: number;
            };
          };
        };
      };
    };
  };
  "/api/roles": {
    /**
     * The roles, and the ones the caller may give
     * @description `assignable`: the role ids the caller may give to a user of their scope or below.
     */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              assignable: string[];
              items: components["schemas"]["Role"][];
            };
          };
        };
      };
    };
  };
  "/api/security/events": {
    /**
     * Security events (lockouts, scope conflicts, unmasking, failed CSRF), newest first
     * @description Events of the caller's region and below; `from` and `to` are ISO dates or date-times. Pages by `nextCursor`.
     */
    get: {
      parameters: {
        query?: {
          kind?: string;
          actor?: string;
          from?: string;
          to?: string;
          cursor?: number;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["SecurityEvent"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
  };
  "/api/security/events/export": {
    /** The security events of a filter as an .xlsx file */
    get: {
      parameters: {
        query?: {
          kind?: string;
          actor?: string;
          from?: string;
          to?: string;
        };
      };
      responses: {
        /** @description The events, one row each, under the same filter as the list. */
        200: {
          content: {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
          };
        };
      };
    };
  };
  "/api/security/kinds": {
    /** The kinds of security event, with labels */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: {
                  kind: string;
                  label: string;
                }[];
            };
          };
        };
      };
    };
  };
  "/api/security/summary": {
    /**
     * Counts of security events per kind over recent windows
     * @description Also the number of persons whose full ID number was shown in each window.
     */
    get: {
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["SecuritySummary"];
          };
        };
      };
    };
  };
  "/api/users": {
    /**
     * Users of a region and below
     * @description `q` matches the user name or the display name; pages by `nextCursor`.
     */
    get: {
      parameters: {
        query?: {
          region?: string;
          q?: string;
          cursor?: number;
          limit?: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": {
              items: components["schemas"]["User"][];
              nextCursor: string | null;
            };
          };
        };
      };
    };
    /**
     * Create a user
     * @description The role must be one the caller may give, at the level of `scopeCode`; the password must satisfy the policy (errors with path `password`, as for change-password). The user must change it at the first login.
     */
    post: {
      requestBody: {
        content: {
          "application/json": {
            displayName: string;
            password: string;
            role: string;
            scopeCode: string;
            username: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["User"];
          };
        };
      };
    };
  };
  "/api/users/{id}": {
    /** One user */
    get: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["User"];
          };
        };
      };
    };
  };
  "/api/users/{id}/disable": {
    /** Disable a user (ends their sessions) */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["User"];
          };
        };
      };
    };
  };
  "/api/users/{id}/enable": {
    /** Enable a user again */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["User"];
          };
        };
      };
    };
  };
  "/api/users/{id}/reset-password": {
    /**
     * Set a new password for a user
     * @description The user must change it at the next login; a lock from failed logins is lifted.
     */
    post: {
      parameters: {
        path: {
          id: number;
        };
      };
      requestBody: {
        content: {
          "application/json": {
            password: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["User"];
          };
        };
      };
    };
  };
  "/api/villages/{code}/profile": {
    /**
     * Everything Fupin knows about one village, by section
     * @description Sections: register, poorVillage, residents, party, members, alerts (and those other modules add). A code that is no village, or outside the scope, answers 404.
     */
    get: {
      parameters: {
        path: {
          code: string;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          content: {
            "application/json": components["schemas"]["VillageProfile"];
          };
        };
      };
    };
  };
}

export type webhooks = Record<string, never>;

export interface components {
  schemas: {
    AlertItem: {
      acknowledged: ({
        at: string;
        by: string;
        note: string | null;
      }) | null;
      key: string;
      link: components["schemas"]["AlertLink"];
      region: {
        code: string;
        name: string;
        path: string;
      };
      rule: string;
      /** @enum {string} */
      severity: "high" | "medium" | "low";
      since: string;
      what: string;
    };
    AlertLink: OneOf<[{
      countyCode: string;
      id: number;
      /** @enum {string} */
      kind: "household";
    }, {
      code: string;
      /** @enum {string} */
      kind: "village";
    }, {
      id: number;
      /** @enum {string} */
      kind: "security";
    }, {
      /** @enum {string} */
      kind: "page";
      path: string;
    }]>;
    AlertList: {
      items: components["schemas"]["AlertItem"][];
      month: string;
      nextCursor: string | null;
    };
    AlertSummary: {
      acknowledged: number;
      count: number;
      name: string;
      rule: string;
      /** @enum {string} */
      severity: "high" | "medium" | "low";
    };
    AttendanceItem: {
      checkins: number;
      compliant: boolean;
      daysInPost: number;
      daysInVillage: number;
      flags: ("name_only" | "commuting_no_night" | "commuting_pattern" | "forged_repeated_position" | "forged_accuracy" | "forged_travel" | "forged_shared_device" | "forged_other_device" | "forged_clock_skew" | "absence_candidate")[];
      idMasked: string;
      leaveDays: number;
      name: string;
      nights: number;
      officialDays: number;
      openAbsenceCandidates: number;
      postingId: number;
      requiredDays: number;
      role: string;
      villageCode: string;
      villageName: string;
    };
    AuditRow: {
      action: string;
      actorId: number | null;
      actorName: string;
      after: unknown;
      at: string;
      before: unknown;
      /** @description The fields that differ between before and after, labelled, values masked */
      changes: ({
          after: string | null;
          afterCode?: string;
          before: string | null;
          beforeCode?: string;
          label: string;
          /** @description The field path, list items by key: cause, members.123.phone */
          path: string;
        })[];
      entity: string;
      entityId: string;
      /** @description The record's own name where it has one (a household's number) */
      entityName: string | null;
      id: number;
      scopeCode: string;
      /** @description The region's names below the province */
      scopeName: string | null;
    };
    Briefing: {
      generatedAt: string;
      indicators: components["schemas"]["IndicatorMeta"][];
      month: string;
      region: {
        code: string;
        level: number;
        name: string;
        path: components["schemas"]["RegionRef"][];
      };
      revisions: ({
          at: string;
          by: string | null;
          countyCode: string | null;
          dated: string;
          householdId: number | null;
          householdNo: string | null;
          source: string;
          sourceName: string;
          villageCode: string | null;
        })[];
      rows: components["schemas"]["BriefingRow"][];
      summary: string[];
      totals: {
        [key: string]: number | null;
      };
    };
    BriefingRow: {
      code: string;
      flags: number;
      name: string;
      values: {
        [key: string]: {
          rank: number | null;
          value: number | null;
          worst: boolean;
        };
      };
    };
    CadreReviewSummary: {
      absences: {
          day: string;
          source: string;
        }[];
      /** @enum {string} */
      cap: "excellent" | "competent" | "basic" | "incompetent";
      capLabel: string;
      reviewer: {
        regionCode: string;
        regionName: string;
        unit: string;
      };
      reviews: ({
          at: string;
          comment: string | null;
          id: number;
          /** @enum {string} */
          period: "year" | "q1" | "q2" | "q3" | "q4";
          /** @enum {string} */
          rating: "excellent" | "competent" | "basic" | "incompetent";
          ratingLabel: string;
          reviewer: string;
          year: number;
        })[];
      spotChecks: ({
          checker: string;
          date: string;
          found: boolean;
          id: number;
          note: string | null;
        })[];
      year: number;
    };
    CadreUnit: {
      id: number;
      /** @enum {string} */
      level: "province" | "city" | "county" | "township";
      name: string;
      regionCode: string;
      regionName: string;
    };
    Catalog: {
      alertRules: ({
          id: string;
          name: string;
          /** @enum {string} */
          severity: "high" | "medium" | "low";
        })[];
      breakdowns: {
          id: string;
          name: string;
        }[];
      defaultIndicator: string;
      firstMonth: string;
      indicators: components["schemas"]["IndicatorMeta"][];
      latestMonth: string;
    };
    CheckinsImportResult: {
      committed: boolean;
      counts: {
        duplicate: number;
        new: number;
        rejected: number;
        unchanged: number;
      };
      filename: string;
      preview: ({
          accuracy: number | null;
          /** @enum {string|null} */
          givenCrs: "wgs84" | "gcj02" | null;
          idMasked: string | null;
          lat: number | null;
          lon: number | null;
          name: string | null;
          /** @enum {string} */
          outcome: "new" | "unchanged" | "duplicate" | "rejected";
          row: number;
          time: string | null;
          villageCode: string | null;
        })[];
      problems: ({
          code: string;
          column: string | null;
          message: string;
          row: number;
        })[];
      rows: number;
      rowsWithProblems: number;
    };
    ChildRow: {
      code: string;
      hasData: boolean;
      isPovertyCounty: boolean;
      level: number;
      name: string;
      status: {
        [key: string]: "good" | "warn" | "bad" | null;
      };
      values: {
        [key: string]: number | null;
      };
    };
    CodeList: {
      /** @enum {string} */
      id: "household_category" | "poverty_cause" | "household_status" | "relation" | "gender" | "ethnicity" | "education" | "schooling" | "health" | "labour" | "work" | "yes_no" | "project_type" | "project_state";
      items: {
          code: string;
          label: string;
        }[];
      label: string;
    };
    Commitment: {
      attachmentRef: string | null;
      content: string;
      evidence: string | null;
      id: number;
      memberId: number;
      name: string;
      regionCode: string;
      regionName: string;
      /** @enum {string|null} */
      review: "confirmed" | "returned" | null;
      reviewedOn: string | null;
      reviewNote: string | null;
      /** @enum {string} */
      status: "pending" | "fulfilled" | "unfulfilled";
      version: number;
      year: number;
    };
    ComparisonBatch: {
      createdAt: string;
      department: string;
      departmentLabel: string;
      filename: string;
      header: string[];
      hits: number;
      id: number;
      importedBy: string;
      label: string | null;
      matchedAt: string | null;
      problemRows: number;
      problems: {
          code: string;
          message: string;
          row: number;
        }[];
      status: string;
      totalRows: number;
    };
    ComparisonHit: {
      action: string | null;
      batchId: number;
      decidedAt: string | null;
      decidedBy: string | null;
      department: string;
      departmentLabel: string;
      household: {
        id: number;
        no: string;
        status: string;
        statusLabel: string;
      };
      id: number;
      monitoringCaseId: number | null;
      person: {
        id: number;
        idMasked: string;
        name: string;
        relation: string | null;
      };
      reason: string | null;
      record: {
        [key: string]: string;
      };
      row: number;
      state: string;
      village: {
        code: string;
        name: string;
        township: string;
      };
    };
    ComparisonHitDetail: {
      action: string | null;
      batchId: number;
      decidedAt: string | null;
      decidedBy: string | null;
      department: string;
      departmentLabel: string;
      household: {
        id: number;
        no: string;
        status: string;
        statusLabel: string;
      };
      id: number;
      members: {
          idMasked: string;
          name: string;
          personId: number;
          relation: string;
        }[];
      monitoringCaseId: number | null;
      person: {
        id: number;
        idMasked: string;
        name: string;
        relation: string | null;
      };
      reason: string | null;
      record: {
        [key: string]: string;
      };
      row: number;
      state: string;
      village: {
        code: string;
        name: string;
        township: string;
      };
    };
    CountyGeo: {
      features: ({
          geometry: {
            coordinates: unknown[][];
            /** @enum {string} */
            type: "Polygon" | "MultiPolygon";
          };
          properties: {
            city: string;
            code: string;
            name: string;
          };
          /** @enum {string} */
          type: "Feature";
        })[];
      /** @enum {string} */
      type: "FeatureCollection";
    };
    Coverage: {
      deadlinePassed: number;
      pctDeadline: number | null;
      pctHelper: number | null;
      pctProject: number | null;
      stillPoor: number;
      withDeadline: number;
      withHelper: number;
      withProject: number;
    };
    Dashboard: {
      alerts: components["schemas"]["AlertSummary"][];
      breakdowns: ({
          id: string;
          items: ({
              key: string;
              label: string;
              list: {
                path: string;
                query: {
                  [key: string]: string;
                };
              } | null;
              value: number;
            })[];
          name: string;
        })[];
      children: components["schemas"]["ChildRow"][];
      figures: components["schemas"]["Figure"][];
      freshness: {
        asOf: string | null;
        current: boolean;
        pendingMonths: string[];
      };
      hasData: boolean;
      month: string;
      previousMonth: string;
      referenceYear: number;
      region: {
        code: string;
        level: number;
        name: string;
        path: components["schemas"]["RegionRef"][];
      };
      revisions: ({
          at: string;
          by: string | null;
          countyCode: string | null;
          dated: string;
          householdId: number | null;
          householdNo: string | null;
          source: string;
          sourceName: string;
          villageCode: string | null;
        })[];
      trend: {
        months: string[];
        series: ({
            id: string;
            values: (number | null)[];
          })[];
      };
    };
    DecisionDetail: {
      amount: number | null;
      /** @enum {string} */
      category: "collective_assets" | "project" | "funds" | "land" | "welfare" | "other";
      categoryLabel: string;
      closed: boolean;
      content: string;
      dueDate: string | null;
      history: ({
          action: string;
          actionLabel: {
            en: string;
            zh: string;
          };
          actor: string;
          at: string;
          effectiveDate: string;
          from: {
            en: string;
            zh: string;
          } | null;
          note: string | null;
          reason: string | null;
          seq: number;
          to: {
            en: string;
            zh: string;
          };
        })[];
      id: number;
      next: ({
          /** @enum {string} */
          action: "org_propose" | "joint_meeting" | "committees" | "members_meeting" | "villagers_meeting" | "township_review" | "disclose_decision" | "disclose_result";
          allowed: boolean;
          fields: string[];
          label: string;
          members: number | null;
          refusal: string | null;
          rule: string | null;
        })[];
      oneShoulder: boolean;
      orgName: string;
      overdue: boolean;
      proposedOn: string;
      publicPath: string;
      /** @enum {string} */
      source: "members_villagers" | "village_cadres" | "higher_level";
      sourceLabel: string;
      state: string;
      stateLabel: string;
      steps: components["schemas"]["DecisionStep"][];
      title: string;
      version: number;
      village: {
        code: string;
        name: string;
      };
    };
    DecisionItem: {
      amount: number | null;
      /** @enum {string} */
      category: "collective_assets" | "project" | "funds" | "land" | "welfare" | "other";
      categoryLabel: string;
      dueDate: string | null;
      id: number;
      overdue: boolean;
      proposedOn: string;
      /** @enum {string} */
      source: "members_villagers" | "village_cadres" | "higher_level";
      sourceLabel: string;
      state: string;
      stateLabel: string;
      title: string;
      village: {
        code: string;
        name: string;
      };
    };
    DecisionStep: {
      heldOn: string;
      joint: boolean;
      label: string;
      /** @enum {string} */
      outcome: "passed" | "rejected" | "done";
      place: string | null;
      present: number | null;
      step: string;
      summary: string | null;
      total: number | null;
      townshipAttendee: string | null;
      votesAbstain: number | null;
      votesAgainst: number | null;
      votesFor: number | null;
    };
    DetailMember: {
      birthDate: string | null;
      birthYear: number;
      education: string | null;
      ethnicity: string | null;
      gender: string;
      genderLabel: string | null;
      health: string | null;
      idMasked: string;
      labour: string | null;
      medicalInsurance: boolean | null;
      name: string;
      personId: number;
      phoneMasked: string | null;
      relation: string;
      relationLabel: string | null;
      schooling: string | null;
      work: string | null;
    };
    ExitBatchDetail: {
      households: number;
      id: number;
      items: components["schemas"]["ExitHouseholdItem"][];
      proposedOn: string;
      states: {
        [key: string]: number;
      };
      village: {
        code: string;
        name: string;
        township: string;
      };
      year: number;
    };
    ExitBatchItem: {
      households: number;
      id: number;
      proposedOn: string;
      states: {
        [key: string]: number;
      };
      village: {
        code: string;
        name: string;
        township: string;
      };
      year: number;
    };
    ExitComplaintDetail: {
      answer: string | null;
      answeredOn: string | null;
      case: components["schemas"]["ProcedureCase"];
      contact: string | null;
      content: string;
      dueDate: string | null;
      exitId: number | null;
      householdNo: string | null;
      id: number;
      kind: string;
      overdue: boolean;
      receivedAt: string;
      reference: string;
      state: string;
      stateLabel: string;
      village: {
        code: string;
        name: string;
        township: string;
      };
    };
    ExitComplaintItem: {
      answer: string | null;
      answeredOn: string | null;
      contact: string | null;
      content: string;
      dueDate: string | null;
      exitId: number | null;
      householdNo: string | null;
      id: number;
      kind: string;
      overdue: boolean;
      receivedAt: string;
      reference: string;
      state: string;
      stateLabel: string;
      village: {
        code: string;
        name: string;
        township: string;
      };
    };
    ExitCountyDetail: {
      announcedOn: string | null;
      case: components["schemas"]["ProcedureCase"];
      county: {
        code: string;
        name: string;
      };
      id: number;
      incidence: number;
      noticeFrom: string | null;
      noticeUntil: string | null;
      poorPersons: number;
      ruralPopulation: number;
      stateLabel: string;
      year: number;
    };
    ExitHouseholdDetail: {
      announcedOn: string | null;
      batchId: number;
      case: components["schemas"]["ProcedureCase"];
      closedOn: string | null;
      dueDate: string | null;
      head: string;
      householdId: number;
      householdNo: string;
      id: number;
      incomePerCapita: number;
      members: number;
      noticeFrom: string | null;
      noticeUntil: string | null;
      objections: ({
          content: string;
          decidedBy: string | null;
          decidedOn: string | null;
          fromPublicPage: boolean;
          id: number;
          outcome: string | null;
          outcomeReason: string | null;
          receivedOn: string;
          recordedBy: string;
          source: string;
        })[];
      objectionsOpen: number;
      overdue: boolean;
      povertyLine: number;
      state: string;
      stateLabel: string;
      version: number;
      year: number;
    };
    ExitHouseholdItem: {
      announcedOn: string | null;
      batchId: number;
      closedOn: string | null;
      dueDate: string | null;
      head: string;
      householdId: number;
      householdNo: string;
      id: number;
      incomePerCapita: number;
      members: number;
      noticeFrom: string | null;
      noticeUntil: string | null;
      objectionsOpen: number;
      overdue: boolean;
      povertyLine: number;
      state: string;
      stateLabel: string;
      version: number;
      year: number;
    };
    ExitVillageDetail: {
      announcedOn: string | null;
      case: components["schemas"]["ProcedureCase"];
      checklist: {
          code: string;
          label: string;
          ok: boolean;
        }[];
      id: number;
      incidence: number;
      noticeFrom: string | null;
      noticeUntil: string | null;
      poorPersons: number;
      ruralPopulation: number;
      verified: {
          code: string;
          label: string;
          ok: boolean;
        }[];
      village: {
        code: string;
        name: string;
      };
      year: number;
    };
    Figure: {
      id: string;
      previous: number | null;
      /** @enum {string|null} */
      status: "good" | "warn" | "bad" | null;
      value: number | null;
    };
    FlagView: {
      absenceId: number | null;
      /** @enum {string} */
      code: "name_only" | "commuting_no_night" | "commuting_pattern" | "forged_repeated_position" | "forged_accuracy" | "forged_travel" | "forged_shared_device" | "forged_other_device" | "forged_clock_skew" | "absence_candidate";
      codeLabel: string;
      decidedAt: string | null;
      decidedBy: string | null;
      /** @enum {string} */
      decider: "county" | "township";
      evidence: {
        [key: string]: unknown;
      };
      id: number;
      note: string | null;
      openedAt: string;
      /** @enum {string|null} */
      outcome: "absence" | "replacement" | null;
      reason: string;
      reasonBoth: {
        en: string;
        zh: string;
      };
      /** @enum {string} */
      state: "open" | "confirmed" | "dismissed";
      subject: string;
      version: number;
    };
    FundsRow: {
      code: string;
      coveredFen: number;
      name: string;
      operationFen: number;
      otherFen: number;
      partyBuildingFen: number;
      percent: number | null;
      shortVillages: number;
      standardFen: number;
      villages: number;
    };
    FundsSummary: {
      children: components["schemas"]["FundsRow"][];
      region: string;
      regionName: string;
      standards: {
        operationFen: number;
        partyBuildingFen: number;
      };
      total: components["schemas"]["FundsRow"];
      year: number;
    };
    Health: {
      /** @enum {string} */
      database: "pglite" | "postgresql";
      demo: boolean;
      /** @enum {string} */
      status: "ok";
      version: string;
    };
    HelperDetail: {
      cadrePostingId: number | null;
      countyCode: string;
      households: number;
      id: number;
      idMasked: string | null;
      name: string;
      pairings: components["schemas"]["HelperPairing"][];
      phoneMasked: string | null;
      workUnit: string | null;
    };
    HelperItem: {
      cadrePostingId: number | null;
      countyCode: string;
      households: number;
      id: number;
      idMasked: string | null;
      name: string;
      phoneMasked: string | null;
      workUnit: string | null;
    };
    HelperPairing: {
      endDate: string | null;
      headName: string | null;
      householdId: number;
      householdNo: string;
      pairingId: number;
      startDate: string;
      status: string;
      villageCode: string;
      villageName: string;
    };
    HouseholdDetail: {
      audit: components["schemas"]["AuditRow"][];
      category: string;
      categoryLabel: string | null;
      cause: string;
      causeLabel: string | null;
      countyCode: string;
      countyName: string;
      exitYear: number | null;
      guarantees: {
        clothing: boolean;
        education: boolean;
        food: boolean;
        housing: boolean;
        medical: boolean;
      };
      helpers: ({
          endDate: string | null;
          helperId: number;
          id: number;
          name: string;
          phoneMasked: string | null;
          startDate: string | null;
          workUnit: string | null;
        })[];
      householdNo: string;
      id: number;
      incomes: ({
          business: number | null;
          businessCosts: number | null;
          perCapita: number;
          persons: number | null;
          property: number | null;
          transfers: number | null;
          wages: number | null;
          year: number;
        })[];
      members: components["schemas"]["DetailMember"][];
      plannedExitYear: number | null;
      povertyLine: number;
      projects: ({
          amount: number | null;
          id: number;
          state: string;
          stateLabel: string | null;
          type: string;
          typeLabel: string | null;
          year: number;
        })[];
      registerYear: number;
      status: string;
      statusHistory: ({
          changedOn: string;
          previousStatus: string | null;
          reason: string | null;
          status: string;
          statusLabel: string | null;
        })[];
      statusLabel: string | null;
      townshipName: string;
      version: number;
      villageCode: string;
      villageName: string;
      visits: {
          cadreName: string;
          date: string;
          id: number;
          note: string;
        }[];
      yearIdentified: number;
    };
    HouseholdItem: {
      category: string;
      categoryLabel: string | null;
      cause: string;
      causeLabel: string | null;
      exitYear: number | null;
      hasProject: boolean;
      headIdMasked: string | null;
      headName: string | null;
      helperName: string | null;
      householdNo: string;
      id: number;
      income: number | null;
      incomeBelowLine: boolean | null;
      matched: ({
        /** @enum {string} */
        kind: "member" | "household_no" | "village";
        name: string;
        relation: string | null;
        via: string;
      }) | null;
      memberCount: number;
      plannedExitYear: number | null;
      status: string;
      statusLabel: string | null;
      townshipName: string;
      unmetGuarantees: ("food" | "clothing" | "education" | "medical" | "housing")[];
      villageCode: string;
      villageName: string;
      yearIdentified: number;
    };
    ImportBatch: {
      actorName: string;
      createdAt: string;
      filename: string;
      id: number;
      progress: components["schemas"]["ImportProgress"] | null;
      scopeCode: string;
      /** @enum {string} */
      status: "staging" | "previewed" | "committed" | "discarded" | "failed";
      summary: components["schemas"]["ImportSummary"] | null;
    };
    ImportCounts: {
      new: number;
      rejected: number;
      unchanged: number;
      updated: number;
    };
    ImportProblem: {
      code: string;
      column: string | null;
      message: string;
      row: number;
    };
    ImportProgress: {
      bytesRead: number;
      error?: string;
      /** @enum {string} */
      phase: "reading" | "checking" | "committing" | "done";
      rate: number;
      rows: number;
      secondsLeft: number | null;
      totalBytes: number | null;
      totalRows: number | null;
    };
    ImportSummary: {
      error?: string;
      expiredAt?: string;
      helpers?: {
        ambiguous: number;
        created: number;
        existing: number;
        new: number;
      };
      households?: components["schemas"]["ImportCounts"];
      interrupted?: boolean;
      persons?: components["schemas"]["ImportCounts"];
      rows?: number;
      rowsWithProblems?: number;
    };
    IncomeItem: {
      amountFen: number | null;
      hollow: boolean;
      sources: string | null;
      version: number | null;
      villageCode: string;
      villageName: string;
    };
    IndicatorMeta: {
      /** @enum {string} */
      better: "higher" | "lower" | "neutral";
      /** @enum {string} */
      format: "count" | "percent" | "yuan";
      group: string;
      groupName: string;
      id: string;
      key: boolean;
      list: {
        path: string;
        query: {
          [key: string]: string;
        };
      } | null;
      name: string;
      target: number | null;
      trend: boolean;
      unit: string;
    };
    LeaveDetail: {
      case: components["schemas"]["ProcedureCase"];
      days: number;
      dueDate: string | null;
      endDate: string;
      id: number;
      /** @enum {string} */
      kind: "personal" | "sick" | "official";
      kindLabel: string;
      name: string;
      overdue: boolean;
      postingId: number;
      reason: string;
      startDate: string;
      /** @enum {string} */
      state: "requested" | "approved" | "rejected" | "cancelled" | "taken";
      stateLabel: string;
      village: {
        code: string;
        name: string;
      };
    };
    LeaveItem: {
      days: number;
      dueDate: string | null;
      endDate: string;
      id: number;
      /** @enum {string} */
      kind: "personal" | "sick" | "official";
      kindLabel: string;
      name: string;
      overdue: boolean;
      postingId: number;
      reason: string;
      startDate: string;
      /** @enum {string} */
      state: "requested" | "approved" | "rejected" | "cancelled" | "taken";
      stateLabel: string;
      village: {
        code: string;
        name: string;
      };
    };
    MapValues: {
      freshness: {
        asOf: string | null;
        current: boolean;
        pendingMonths: string[];
      };
      items: components["schemas"]["ChildRow"][];
      level: number;
      month: string;
    };
    Me: {
      displayName: string;
      id: number;
      isDemo: boolean;
      /** @enum {string} */
      language: "zh-CN" | "en";
      mustChangePassword: boolean;
      permissions: string[];
      role: string;
      roleLabel: string;
      scope: {
        childCount: number;
        code: string;
        isPovertyCounty: boolean;
        level: number;
        levelLabel: string;
        name: string;
        parentCode: string | null;
        path: components["schemas"]["RegionRef"][];
      };
      username: string;
    };
    MemberDetail: {
      birthYear: number;
      countyCode: string;
      duty: string | null;
      gender: string;
      households: components["schemas"]["PartyPairing"][];
      id: number;
      idMasked: string;
      joinedOn: string;
      leftNote: string | null;
      leftOn: string | null;
      leftReason: string | null;
      name: string;
      orgId: number;
      orgName: string;
      pairings: number;
      personId: number;
      phoneMasked: string | null;
      post: string | null;
      regionCode: string;
      regionName: string;
      /** @enum {string} */
      standing: "full" | "probationary";
      version: string;
      wealthIndustry: string | null;
      wealthLeader: boolean;
    };
    MemberItem: {
      birthYear: number;
      countyCode: string;
      duty: string | null;
      gender: string;
      id: number;
      idMasked: string;
      joinedOn: string;
      leftNote: string | null;
      leftOn: string | null;
      leftReason: string | null;
      name: string;
      orgId: number;
      orgName: string;
      pairings: number;
      personId: number;
      phoneMasked: string | null;
      post: string | null;
      regionCode: string;
      regionName: string;
      /** @enum {string} */
      standing: "full" | "probationary";
      version: string;
      wealthIndustry: string | null;
      wealthLeader: boolean;
    };
    MonitoringDetail: {
      case: components["schemas"]["ProcedureCase"];
      checklist: {
          code: string;
          label: {
            en: string;
            zh: string;
          };
          met: boolean;
        }[];
      confirmedOn: string | null;
      consentSignedOn: string | null;
      decisionDue: string | null;
      endedOn: string | null;
      head: string | null;
      householdId: number;
      householdNo: string;
      id: number;
      includedOn: string | null;
      income: number | null;
      kind: string;
      kindLabel: string;
      measures: ({
          amount: number;
          id: number;
          note: string | null;
          startedOn: string;
          type: string;
          typeLabel: string;
        })[];
      monitoringOnly: boolean;
      openedOn: string;
      overdue: boolean;
      projectTypes: {
          code: string;
          label: string;
        }[];
      risk: string;
      source: string;
      sourceLabel: string;
      state: string;
      stateLabel: string;
      stepDue: string | null;
      village: {
        code: string;
        name: string;
        township: string;
      };
    };
    MonitoringItem: {
      confirmedOn: string | null;
      consentSignedOn: string | null;
      decisionDue: string | null;
      endedOn: string | null;
      head: string | null;
      householdId: number;
      householdNo: string;
      id: number;
      includedOn: string | null;
      income: number | null;
      kind: string;
      kindLabel: string;
      monitoringOnly: boolean;
      openedOn: string;
      overdue: boolean;
      risk: string;
      source: string;
      sourceLabel: string;
      state: string;
      stateLabel: string;
      stepDue: string | null;
      village: {
        code: string;
        name: string;
        township: string;
      };
    };
    OrgDetail: {
      countyCode: string;
      dissolvedOn: string | null;
      establishedOn: string | null;
      id: number;
      /** @enum {string} */
      kind: "branch" | "general_branch" | "committee";
      members: number;
      name: string;
      parentName: string | null;
      regionCode: string;
      regionName: string;
      secretaries: components["schemas"]["SecretaryTerm"][];
      secretary: {
        name: string;
        oneShoulder: boolean;
        since: string;
      } | null;
      /** @enum {string} */
      state: "normal" | "weak";
      version: string;
      wealthLeaders: number;
    };
    OrgItem: {
      countyCode: string;
      dissolvedOn: string | null;
      establishedOn: string | null;
      id: number;
      /** @enum {string} */
      kind: "branch" | "general_branch" | "committee";
      members: number;
      name: string;
      parentName: string | null;
      regionCode: string;
      regionName: string;
      secretary: {
        name: string;
        oneShoulder: boolean;
        since: string;
      } | null;
      /** @enum {string} */
      state: "normal" | "weak";
      version: string;
      wealthLeaders: number;
    };
    PartyImportBatch: {
      actorName: string;
      createdAt: string;
      filename: string;
      id: number;
      progress: components["schemas"]["ImportProgress"] | null;
      scopeCode: string;
      /** @enum {string} */
      status: "staging" | "previewed" | "committed" | "discarded" | "failed";
      summary: components["schemas"]["PartyImportSummary"] | null;
    };
    PartyImportSummary: {
      error?: string;
      expiredAt?: string;
      interrupted?: boolean;
      persons?: {
        new: number;
      };
      progressEntries?: number;
      records?: {
        new: number;
        rejected: number;
        unchanged: number;
        updated?: number;
      };
      rows?: number;
      rowsWithProblems?: number;
      secretaries?: number;
    };
    PartyLedgerDetail: {
      case: components["schemas"]["ProcedureCase"];
      causes: {
          code: string;
          label: string;
        }[];
      closedOn: string | null;
      consolidatedOn: string | null;
      countyLeader: string | null;
      currentFirstSecretary: string | null;
      deadline: string | null;
      firstSecretary: string | null;
      id: number;
      lastProgress: string | null;
      notClosedByYearEnd: boolean;
      overdue: boolean;
      plan: string | null;
      problems: string | null;
      progress: {
          actor: string;
          content: string;
          date: string;
          id: number;
        }[];
      state: string;
      stateLabel: string;
      townshipMember: string | null;
      village: {
        code: string;
        name: string;
        township: string;
      };
      year: number;
    };
    PartyLedgerItem: {
      causes: {
          code: string;
          label: string;
        }[];
      closedOn: string | null;
      consolidatedOn: string | null;
      countyLeader: string | null;
      deadline: string | null;
      firstSecretary: string | null;
      id: number;
      lastProgress: string | null;
      notClosedByYearEnd: boolean;
      overdue: boolean;
      plan: string | null;
      problems: string | null;
      state: string;
      stateLabel: string;
      townshipMember: string | null;
      village: {
        code: string;
        name: string;
        township: string;
      };
      year: number;
    };
    PartyPairing: {
      endDate: string | null;
      headName: string | null;
      householdId: number;
      householdNo: string;
      householdStatus: string;
      id: number;
      memberId: number;
      memberName: string;
      orgName: string;
      startDate: string;
      villageCode: string;
      villageName: string;
      wealthIndustry: string | null;
      wealthLeader: boolean;
    };
    PartyRoundDetail: {
      adjusted: number;
      assessed: number;
      countyCode: string;
      countyName: string;
      id: number;
      items: components["schemas"]["PartyScreeningItem"][];
      note: string | null;
      openedOn: string;
      total: number;
      unfit: number;
      withoutSecretary: {
          name: string;
          village_code: string;
        }[];
      year: number;
    };
    PartyScreeningDetail: {
      adjustBy: string | null;
      adjustedOn: string | null;
      adjustment: string | null;
      adjustmentOverdue: boolean;
      assessedBy: string | null;
      assessedOn: string | null;
      case: components["schemas"]["ProcedureCase"] | null;
      id: number;
      note: string | null;
      oneShoulder: boolean;
      opinion: string | null;
      opinionLabel: string | null;
      result: string | null;
      resultLabel: string | null;
      roundId: number;
      secretary: string;
      successor: string | null;
      termStart: string;
      village: {
        code: string;
        name: string;
        township: string;
      };
      year: number;
    };
    PartyScreeningItem: {
      adjustBy: string | null;
      adjustedOn: string | null;
      adjustment: string | null;
      adjustmentOverdue: boolean;
      assessedBy: string | null;
      assessedOn: string | null;
      id: number;
      note: string | null;
      oneShoulder: boolean;
      opinion: string | null;
      opinionLabel: string | null;
      result: string | null;
      resultLabel: string | null;
      roundId: number;
      secretary: string;
      successor: string | null;
      termStart: string;
      village: {
        code: string;
        name: string;
        township: string;
      };
      year: number;
    };
    PayItem: {
      amountDueFen: number;
      dueOn: string;
      id: number;
      idMasked: string;
      late: boolean;
      month: string;
      name: string;
      paidOn: string | null;
      post: string;
      version: number;
      villageCode: string;
      villageName: string;
    };
    Payment: {
      amountFen: number;
      batchId: number | null;
      correctedOn: string | null;
      correctionReason: string | null;
      correctsId: number | null;
      id: number;
      note: string | null;
      paidOn: string;
      /** @enum {string} */
      purpose: "operation" | "party_building" | "other";
      reversedBy: number | null;
      reversesId: number | null;
      source: string;
      version: number;
      villageCode: string;
      villageName: string;
    };
    PointsImportResult: {
      committed: boolean;
      counts: {
        new: number;
        rejected: number;
        unchanged: number;
        updated: number;
      };
      filename: string;
      preview: ({
          /** @enum {string|null} */
          givenCrs: "wgs84" | "gcj02" | null;
          lat: number | null;
          lon: number | null;
          /** @enum {string} */
          outcome: "new" | "updated" | "unchanged" | "rejected";
          row: number;
          villageCode: string | null;
          villageName: string | null;
        })[];
      problems: ({
          code: string;
          column: string | null;
          message: string;
          row: number;
        })[];
      rows: number;
      rowsWithProblems: number;
    };
    PoorVillage: {
      countyName: string;
      exitYear: number | null;
      households: number;
      incidence: number | null;
      plannedExitYear: number | null;
      poorPersons: number;
      ruralPopulation: number;
      townshipName: string;
      villageCode: string;
      villageName: string;
      yearListed: number;
    };
    PostingDetail: {
      birthYear: number;
      case: components["schemas"]["ProcedureCase"];
      dueDate: string | null;
      endDate: string | null;
      endKind: string | null;
      endReason: string | null;
      /** @enum {string|null} */
      endReasonCode: "seldom_present" | "no_results" | "dissatisfied" | "health" | "promotion" | "other" | null;
      /** @enum {string} */
      gender: "M" | "F";
      helper: {
        households: number;
        id: number;
      } | null;
      id: number;
      idMasked: string;
      leave: components["schemas"]["LeaveItem"][];
      name: string;
      overdue: boolean;
      partyMember: boolean;
      phoneMasked: string | null;
      plannedEndDate: string;
      post: string;
      rank: string | null;
      replacementGrounds: ({
          code: string;
          decidedBy: string | null;
          flagId: number;
          month: string;
          note: string | null;
          reason: string;
        })[];
      replacesId: number | null;
      /** @enum {string} */
      role: "first_secretary" | "team_leader" | "team_member";
      roleLabel: string;
      startDate: string;
      /** @enum {string} */
      state: "proposed" | "in_post" | "rotated" | "replaced" | "finished" | "withdrawn";
      stateLabel: string;
      unit: {
        id: number;
        /** @enum {string} */
        level: "province" | "city" | "county" | "township";
        name: string;
      };
      village: {
        code: string;
        name: string;
        township: string | null;
      };
    };
    PostingDevice: {
      checkins: number;
      fingerprint: string;
      id: number;
      lastUsedAt: string | null;
      logs: number;
      ofThisPosting: boolean;
      registeredAt: string;
      revokedAt: string | null;
      revokedBy: string | null;
      revokeReason: string | null;
      username: string | null;
    };
    PostingImportBatch: {
      actorName: string;
      createdAt: string;
      filename: string;
      id: number;
      progress: components["schemas"]["ImportProgress"] | null;
      scopeCode: string;
      /** @enum {string} */
      status: "staging" | "previewed" | "committed" | "discarded" | "failed";
      summary: components["schemas"]["PostingImportSummary"] | null;
    };
    PostingImportSummary: {
      error?: string;
      expiredAt?: string;
      inPost?: number;
      interrupted?: boolean;
      persons?: {
        new: number;
      };
      postings?: {
        new: number;
        rejected: number;
        unchanged: number;
      };
      proposed?: number;
      rows?: number;
      rowsWithProblems?: number;
      units?: {
        new: number;
      };
      unitsToCreate?: ({
          /** @enum {string} */
          level: "province" | "city" | "county" | "township";
          name: string;
          regionCode: string;
          regionName: string;
        })[];
    };
    PostingItem: {
      birthYear: number;
      dueDate: string | null;
      endDate: string | null;
      /** @enum {string} */
      gender: "M" | "F";
      id: number;
      idMasked: string;
      name: string;
      overdue: boolean;
      partyMember: boolean;
      phoneMasked: string | null;
      plannedEndDate: string;
      post: string;
      /** @enum {string} */
      role: "first_secretary" | "team_leader" | "team_member";
      roleLabel: string;
      startDate: string;
      /** @enum {string} */
      state: "proposed" | "in_post" | "rotated" | "replaced" | "finished" | "withdrawn";
      stateLabel: string;
      unit: {
        id: number;
        /** @enum {string} */
        level: "province" | "city" | "county" | "township";
        name: string;
      };
      village: {
        code: string;
        name: string;
        township: string | null;
      };
    };
    ProcedureCase: {
      closed: boolean;
      dueDate: string | null;
      history: ({
          action: string;
          actionLabel: {
            en: string;
            zh: string;
          };
          actor: string;
          at: string;
          effectiveDate: string;
          from: {
            en: string;
            zh: string;
          } | null;
          note: string | null;
          reason: string | null;
          seq: number;
          to: {
            en: string;
            zh: string;
          };
        })[];
      overdue: boolean;
      procedure: string;
      state: string;
      stateLabel: {
        en: string;
        zh: string;
      };
      stateSince: string;
      steps: ({
          action: string;
          allowed: boolean;
          label: {
            en: string;
            zh: string;
          };
          level: string | null;
          needsReason: boolean;
          notBefore: string | null;
          refusal: string | null;
          to: string;
        })[];
      version: number;
    };
    PublicBoard: {
      decisions: components["schemas"]["PublicDisclosure"][];
      sections: components["schemas"]["PublicBoardSection"][];
      village: {
        code: string;
        county: string;
        name: string;
        township: string;
      };
    };
    PublicBoardSection: {
      empty: string;
      id: string;
      items: {
          fields: {
              label: string;
              value: string;
            }[];
          heading: string;
          key: string;
        }[];
      note: string | null;
      objectable?: {
          id: number;
          label: string;
        }[];
      title: string;
    };
    PublicComplaintStatus: {
      answer: string | null;
      answeredOn: string | null;
      receivedOn: string;
      reference: string;
      state: string;
      stateLabel: string;
    };
    PublicDisclosure: {
      amount: number | null;
      category: string;
      content: string;
      disclosedOn: string | null;
      id: number;
      membersMeeting: {
        heldOn: string;
        present: number;
        total: number;
        votesAbstain: number;
        votesAgainst: number;
        votesFor: number;
      } | null;
      place: string | null;
      proposedOn: string;
      result: ({
        disclosedOn: string;
        place: string | null;
        summary: string;
      }) | null;
      title: string;
      townshipReview: ({
        heldOn: string;
        reviewer: string | null;
      }) | null;
      villagersMeeting: {
        heldOn: string;
        present: number;
        total: number;
        votesAbstain: number;
        votesAgainst: number;
        votesFor: number;
      } | null;
    };
    PublicDisclosureList: {
      decisions: components["schemas"]["PublicDisclosure"][];
      village: {
        code: string;
        county: string;
        name: string;
        township: string;
      };
    };
    Region: {
      childCount: number;
      code: string;
      isPovertyCounty: boolean;
      level: number;
      levelLabel: string;
      name: string;
      parentCode: string | null;
    };
    RegionRef: {
      code: string;
      level: number;
      name: string;
    };
    RegionSummary: {
      counts: {
        city: number;
        county: number;
        township: number;
        village: number;
      };
      povertyCounties: components["schemas"]["RegionRef"][];
      region: components["schemas"]["RegionWithPath"];
    };
    RegionWithPath: {
      childCount: number;
      code: string;
      isPovertyCounty: boolean;
      level: number;
      levelLabel: string;
      name: string;
      parentCode: string | null;
      path: components["schemas"]["RegionRef"][];
    };
    Reserve: {
      education: string | null;
      id: number;
      idMasked: string;
      leftNote: string | null;
      leftOn: string | null;
      /** @enum {string|null} */
      leftReason: "elected" | "appointed" | "moved" | "unfit" | "withdrew" | "other" | null;
      name: string;
      since: string;
      source: string | null;
      trainingHours: number;
      villageCode: string;
      villageName: string;
    };
    ReserveDetail: {
      education: string | null;
      id: number;
      idMasked: string;
      leftNote: string | null;
      leftOn: string | null;
      /** @enum {string|null} */
      leftReason: "elected" | "appointed" | "moved" | "unfit" | "withdrew" | "other" | null;
      name: string;
      since: string;
      source: string | null;
      trainingHours: number;
      trainings: components["schemas"]["Training"][];
      villageCode: string;
      villageName: string;
    };
    Role: {
      id: string;
      label: string;
      /** @enum {string} */
      level: "province" | "city" | "county" | "township" | "village" | "any";
      permissions: string[];
    };
    SecretaryTerm: {
      birthYear: number;
      endDate: string | null;
      endNote: string | null;
      /** @enum {string|null} */
      endReason: "term_end" | "adjusted" | "resigned" | "deceased" | "other" | null;
      gender: string;
      id: number;
      idMasked: string;
      name: string;
      oneShoulder: boolean;
      personId: number;
      startDate: string;
    };
    SecurityEvent: {
      actorId: number | null;
      actorName: string;
      at: string;
      details: {
        [key: string]: unknown;
      } | null;
      id: number;
      ip: string | null;
      kind: string;
      kindLabel: string;
      scopeCode: string;
    };
    SecuritySummary: {
      kinds: {
          kind: string;
          label: string;
        }[];
      windows: {
          counts: {
            [key: string]: number;
          };
          days: number;
          since: string;
          unmaskedPersons: number;
        }[];
    };
    Training: {
      course: string;
      hours: number;
      id: number;
      organiser: string | null;
      trainedOn: string;
    };
    User: {
      createdAt: string;
      disabled: boolean;
      displayName: string;
      id: number;
      isDemo: boolean;
      lastLoginAt: string | null;
      lockedUntil: string | null;
      mustChangePassword: boolean;
      role: string;
      roleLabel: string;
      scopeCode: string;
      scopeName: string;
      username: string;
    };
    VillagePoint: {
      point: ({
        /** @enum {string} */
        givenCrs: "wgs84" | "gcj02";
        lat: number;
        lon: number;
        /** @enum {string} */
        source: "imported" | "edited" | "approximate";
        updatedAt: string | null;
        updatedBy: string | null;
      }) | null;
      townshipCode: string | null;
      townshipName: string | null;
      villageCode: string;
      villageName: string;
    };
    VillageProfile: {
      code: string;
      countyCode: string;
      countyName: string;
      name: string;
      sections: {
        [key: string]: unknown;
      };
      townshipCode: string;
      townshipName: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}

export type $defs = Record<string, never>;

export type external = Record<string, never>;

export type operations = Record<string, never>;
